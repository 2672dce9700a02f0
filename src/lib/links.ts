import { isTabPage, pagePath } from './tabs';

/** How to open a message's deep link: tab pages need switchTab (which takes no query), other pages navigateTo. */
export type Navigation = { method: 'switchTab'; url: string } | { method: 'navigateTo'; url: string };

/** The navigation for an inbox link; null when the message links nowhere or to something that is not our page. */
export function navigationFor(link: string | null | undefined): Navigation | null {
  if (!link || !/^\/(pages|packages)\/[\w/-]+(\?.*)?$/.test(link)) return null;
  if (isTabPage(link)) return { method: 'switchTab', url: `/${pagePath(link)}` };
  return { method: 'navigateTo', url: link };
}
