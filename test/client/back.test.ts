/** Every sub-page has a way back on h5; an error card offers one too. */
import { backTarget, HOME_PAGE } from '../../src/lib/back';

test('a sub-page opened from another page goes back to it', () => {
  expect(backTarget('pages/case/index', 2)).toBe('back');
  expect(backTarget('packages/staff/pages/cases/index', 3)).toBe('back');
});

test('a sub-page opened on its own (a shared link, a reload) goes to 首页', () => {
  expect(backTarget('pages/case/index', 1)).toBe('home');
  expect(HOME_PAGE).toBe('/pages/home/index');
});

test('tab pages have no 返回: the tab bar is their way around', () => {
  for (const tab of ['pages/home/index', 'pages/study/index', 'pages/opinions/index', 'pages/me/index']) expect(backTarget(tab, 2)).toBeNull();
});
