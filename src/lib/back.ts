/** Where a page's 返回 leads (h5 has no navigation bar of its own; weapp's bar has WeChat's back arrow). */
import { isTabPage, TAB_PAGES } from './tabs';

/** 首页, where a page opened on its own (a shared link, a reload) goes back to. */
export const HOME_PAGE = `/${TAB_PAGES[0]}`;

/** 'back' to the page below; 'home' when nothing is below; null on tab pages (the tab bar is their way around). */
export type BackTarget = 'back' | 'home' | null;

/** The 返回 of page `path` with `depth` pages on the stack (itself included). */
export function backTarget(path: string | undefined, depth: number): BackTarget {
  if (!path || isTabPage(path)) return null;
  return depth > 1 ? 'back' : 'home';
}

/** The button's words. */
export const BACK_LABEL: Record<'back' | 'home', string> = { back: '返回', home: '回首页' };
