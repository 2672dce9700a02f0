/**
 * Issue 9's dead ends and slips in Chromium against `npm start` (items 14, 15, 17, 18): 批办 needs a choice and the
 * staff list is fresh on return; h5 sub-pages and not-found pages have a way back; 长辈模式 enlarges the 具体内容 box;
 * a location button that gets no position says why; the privacy sheet stays on the page that asked.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';

const world = setUpE2eWorld('pages');
const { openAs } = world;

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

/** Submits an opinion as the signed-in persona of `page` through the gateway (the form itself is cases.test's). */
async function submitThrough(page: Page, title: string): Promise<string> {
  const request = page.context().request;
  const reply = await request.post(`${world.app().url}api/case`, {
    data: {
      action: 'submit',
      payload: {
        requestId: `pages-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        studioId: 'studio-donghu',
        category: 'help',
        title,
        content: `${title}，已经好几天了，希望尽快处理。`,
        photos: [],
        contactVisibleToDeputy: false,
      },
    },
  });
  const body = (await reply.json()) as { ok: boolean; data?: { id: string }; error?: unknown };
  if (!body.ok || !body.data) throw new Error(`submit failed: ${JSON.stringify(body)}`);
  return body.data.id;
}

/** The computed font size (CSS px) of the first visible match. */
const fontSize = (locator: Locator): Promise<number> => shown(locator).first().evaluate((node) => parseFloat(getComputedStyle(node).fontSize));

test('批办 with nobody chosen is refused on the spot; after 批办 to 陈建国, 返回 shows the staff list without the case', async () => {
  const title = '小区北门台阶破损';
  const resident = await openAs('resident', '/pages/home/index');
  await submitThrough(resident, title);
  await resident.context().close();

  const page = await openAs('admin', '/packages/staff/pages/index/index');
  await text(page, '意见批办').tap();
  const row = shown(page.locator('.lx-case-item', { hasText: title }));
  await row.tap();
  await shown(page.locator('.case-head__title', { hasText: title })).waitFor();

  await text(page, '批办').tap();
  await shown(page.locator('.lx-choice', { hasText: '整个工作室' })).waitFor();
  await text(page, '确认批办').tap();
  await shown(page.locator('.case-form .lx-field-error', { hasText: '整个工作室' })).waitFor();
  await shown(page.locator('.lx-state', { hasText: '已提交' })).waitFor();

  await shown(page.locator('.lx-choice', { hasText: '陈建国' })).tap();
  await text(page, '确认批办').tap();
  await shown(page.locator('.lx-state', { hasText: '已批办' })).waitFor();

  // Back on the list (still on 已提交): it has reloaded, and the case has left it.
  await shown(page.locator('.lx-back', { hasText: '返回' })).tap();
  await shown(page.locator('.lx-segmented__item--selected', { hasText: '已提交' })).waitFor();
  await row.waitFor({ state: 'detached' });
  await shown(page.locator('.lx-segmented__item', { hasText: '已批办' })).tap();
  await row.waitFor();
  await screenshot(page, 'pages-staff-list-after-assign');
  await page.context().close();
});

test('the deputy finds the case in 待办 and, once answered, under 已答复 instead', async () => {
  const title = '楼栋垃圾桶满了没人清';
  const resident = await openAs('resident', '/pages/home/index');
  const id = await submitThrough(resident, title);
  await resident.context().close();
  const admin = await openAs('admin', `/pages/case/index?id=${id}`);
  await text(admin, '批办').tap();
  await shown(admin.locator('.lx-choice', { hasText: '陈建国' })).tap();
  await text(admin, '确认批办').tap();
  await shown(admin.locator('.lx-state', { hasText: '已批办' })).waitFor();
  await admin.context().close();

  const page = await openAs('deputy', '/packages/deputy/pages/index/index');
  const row = shown(page.locator('.lx-case-item', { hasText: title }));
  await row.tap();
  await text(page, '答复').tap();
  await shown(page.locator('taro-textarea-core[name=replyText] textarea')).fill('已安排保洁每天清运两次。');
  await text(page, '提交答复').tap();
  await shown(page.locator('.lx-state', { hasText: '已答复' })).waitFor();
  await shown(page.locator('.lx-back', { hasText: '返回' })).tap();
  await shown(page.locator('.lx-segmented__item--selected', { hasText: '待办' })).waitFor();
  await row.waitFor({ state: 'detached' });
  await shown(page.locator('.lx-segmented__item', { hasText: '已答复' })).tap();
  await row.waitFor();
  await page.context().close();
});

test('a sub-page opened on its own offers 回首页, and a case that does not exist offers a way out besides 重试', async () => {
  const page = await openAs('resident', '/pages/case/index?id=no-such-case');
  const card = shown(page.locator('.lx-error'));
  await card.waitFor();
  await card.getByText('重试', { exact: true }).waitFor();
  await shown(page.locator('.lx-back', { hasText: '回首页' })).waitFor();
  await screenshot(page, 'pages-not-found');
  await shown(card.getByText('回首页', { exact: true })).tap();
  await page.waitForURL(/#\/pages\/home\/index/);
  // Tab pages have the tab bar, not a 返回 (the case page's own fades out with it).
  await shown(page.locator('.lx-back')).waitFor({ state: 'detached' });
  await text(page, '首页').waitFor();
  await page.context().close();
});

test('返回 on a sub-page opened from another page goes back to it', async () => {
  const page = await openAs('resident', '/pages/me/index');
  await text(page, '用户隐私保护指引').tap();
  await text(page, '连心 用户隐私保护指引').waitFor();
  await shown(page.locator('.lx-back', { hasText: '返回' })).tap();
  await page.waitForURL(/#\/pages\/me\/index/);
  await text(page, '长辈模式').waitFor();
  await page.context().close();
});

test('长辈模式 enlarges the 具体内容 box, the section headings and the tab-bar labels', async () => {
  const form = '/pages/opinion-form/index?studio=studio-donghu';
  const page = await openAs('resident', form);
  await text(page, '同意并继续').tap();
  const content = page.locator('taro-textarea-core[name=content] textarea');
  const heading = page.locator('.lx-section-title');
  const tabLabel = page.locator('.weui-tabbar__label');
  const before = { content: await fontSize(content), heading: await fontSize(heading) };

  await page.goto(`${world.app().url}#/pages/me/index`);
  await page.reload();
  const tabBefore = await fontSize(tabLabel);
  await shown(page.locator('.nut-switch')).first().tap();
  // The tab bar lies outside the page: it grows too.
  expect(await fontSize(tabLabel)).toBeGreaterThan(tabBefore * 1.2);
  await page.goto(`${world.app().url}#${form}`);
  await page.reload();
  await shown(content).waitFor();
  expect(await fontSize(content)).toBeGreaterThan(before.content * 1.3);
  expect(await fontSize(heading)).toBeGreaterThan(before.heading * 1.3);
  await screenshot(page, 'pages-elder-form');
  await page.context().close();
});

test('a location button that gets no position says why (Chromium has no location permission here)', async () => {
  const page = await openAs('resident', '/pages/opinion-form/index?studio=studio-donghu');
  await text(page, '同意并继续').tap();
  await text(page, '添加我的位置').tap();
  await shown(page.locator('.lx-field-error', { hasText: '没有获取位置' })).waitFor();
  await page.context().close();
});

test('the privacy sheet asked for on 意见 leaves the tab bar free and does not follow the user to 首页', async () => {
  const page = await openAs('member', '/pages/opinions/index');
  await text(page, '离我最近的排前面').tap();
  const sheet = text(page, '同意并继续');
  await sheet.waitFor({ timeout: 10_000 });
  // On a tab page the sheet sits above the tab bar, so the user can still leave by a tab.
  await shown(page.locator('.weui-tabbar__item', { hasText: '首页' })).tap({ timeout: 10_000 });
  await page.waitForURL(/#\/pages\/home\/index/, { timeout: 10_000 });
  await sheet.waitFor({ state: 'detached', timeout: 10_000 });
  await screenshot(page, 'pages-privacy-sheet-home');
  // Back on 意见, the question was dropped, and the page says so.
  await shown(page.locator('.weui-tabbar__item', { hasText: '意见' })).tap({ timeout: 10_000 });
  await shown(page.locator('.lx-location-error', { hasText: '隐私保护指引' })).waitFor({ timeout: 10_000 });
  expect(await sheet.count()).toBe(0);
  await page.context().close();
});
