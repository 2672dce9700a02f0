import { navigationFor } from '@/lib/links';
import { isTabPage, ME_TAB_INDEX, TAB_PAGES } from '@/lib/tabs';
import { appConfigFor } from '../support/app-config';

describe('where a message’s link takes the reader', () => {
  it('a link to a tab page opens that tab (switchTab cannot carry a query, so it is dropped)', () => {
    expect(navigationFor('/pages/me/index')).toEqual({ method: 'switchTab', url: '/pages/me/index' });
    expect(navigationFor('/pages/opinions/index?tab=mine')).toEqual({ method: 'switchTab', url: '/pages/opinions/index' });
  });

  it('a link to any other page, in the main package or a subpackage, is pushed with its query', () => {
    expect(navigationFor('/pages/case/index?id=c1')).toEqual({ method: 'navigateTo', url: '/pages/case/index?id=c1' });
    expect(navigationFor('/packages/deputy/pages/index/index')).toEqual({ method: 'navigateTo', url: '/packages/deputy/pages/index/index' });
  });

  it('a message without a link, or with something that is not one of our pages, opens nothing', () => {
    expect(navigationFor(null)).toBeNull();
    expect(navigationFor('')).toBeNull();
    expect(navigationFor('https://example.com/phish')).toBeNull();
    expect(navigationFor('pages/me/index')).toBeNull();
    expect(navigationFor('/pages/../../etc')).toBeNull();
  });
});

describe('tab pages', () => {
  it('are recognised with or without a leading slash or query', () => {
    expect(isTabPage('/pages/home/index')).toBe(true);
    expect(isTabPage('pages/me/index?from=inbox')).toBe(true);
    expect(isTabPage('/pages/inbox/index')).toBe(false);
  });

  it('are the same, in the same order, as the tab bar in app.config.ts, and 我的 is where the badge goes', async () => {
    const config = await appConfigFor('weapp');
    expect(config.tabBar.list.map((item) => item.pagePath)).toEqual([...TAB_PAGES]);
    expect(config.tabBar.list[ME_TAB_INDEX].text).toBe('我的');
  });
});

describe('the dev sign-in page', () => {
  it('is part of the h5 build', async () => {
    expect((await appConfigFor('h5')).pages).toContain('pages/dev-sign-in/index');
  });

  it('is left out of the mini-program, where WeChat says who the user is', async () => {
    expect((await appConfigFor('weapp')).pages).not.toContain('pages/dev-sign-in/index');
  });
});
