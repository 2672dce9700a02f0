/** Tab pages, in tab-bar order; must match app.config.ts (a test checks it). */
export const TAB_PAGES = ['pages/home/index', 'pages/study/index', 'pages/opinions/index', 'pages/me/index'] as const;

/** 我的 carries the unread badge. */
export const ME_TAB_INDEX = TAB_PAGES.indexOf('pages/me/index');

/** A page route without leading slash or query: '/pages/me/index?x=1' → 'pages/me/index'. */
export function pagePath(url: string): string {
  return url.split('?')[0].replace(/^\/+/, '');
}

/** Whether a route is one of the tab pages (which switchTab opens and navigateTo refuses). */
export function isTabPage(url: string): boolean {
  return (TAB_PAGES as readonly string[]).includes(pagePath(url));
}
