/**
 * Issue 4's acceptance in Chromium against `npm start`: a resident submits an opinion with a photo, the street admin
 * assigns it to deputy 陈建国, the deputy replies, the resident reads the reply in the timeline and in 消息中心, rates
 * "否" and the case is handled again (重办); once the 限时办结 timer runs past the new deadline the case is under 督办.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { fireTimer, setUpE2eWorld } from '../support/e2e';

// A real 1×1 PNG, so the browser decodes it as Taro's chooseImage does.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const TITLE = '东湖小区3号楼路灯不亮';
const CONTENT = '3号楼门口的路灯坏了一个多星期，晚上老人出门看不清台阶。';
const REPLY = '已联系物业更换灯泡，今晚恢复照明。';
const NOTE = '物业电话已记录，明天回访';
const DAY = 24 * 3600_000;

const world = setUpE2eWorld('cases');
const { openAs } = world;

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

/** The case page's timeline line for a step, e.g. 批办 with its detail. */
const step = (page: Page, label: string, detail?: string): Locator =>
  shown(page.locator('.lx-timeline-item').filter({ has: page.locator('.lx-timeline-item__label', { hasText: new RegExp(`^${label}$`) }) }).filter({ hasText: detail ?? '' }));

/** What one 限时办结 run reports (counts of cases it marked). */
interface DeadlineRun {
  overdue: number;
  escalated: number;
}

/** Fires the case function's daily 限时办结 trigger as if it ran at `at` (dev-mode route of the local gateway). */
async function runDeadlineTimer(at: Date): Promise<DeadlineRun> {
  return (await fireTimer(world, 'case', at)) as DeadlineRun;
}

test('a resident finds the studio, fills the 意见征询表 (the draft survives leaving the page) with a photo and gets a receipt number', async () => {
  const page = await openAs('resident', '/pages/opinions/index');
  await shown(page.locator('.lx-studio-item', { hasText: '东湖街道党代表工作室' })).tap();
  await text(page, '今天值班的党代表').waitFor();
  await text(page, '向这个工作室提意见').tap();

  // The form collects personal data: the privacy guide comes first.
  await text(page, '同意并继续').tap();
  await shown(page.locator('.form-place__name', { hasText: '东湖街道党代表工作室' })).waitFor();
  await shown(page.locator('.lx-choice', { hasText: '求助' })).tap();
  await shown(page.locator('taro-input-core[name=title] input')).fill(TITLE);
  await shown(page.locator('taro-textarea-core[name=content] textarea')).fill(CONTENT);

  // Leaving the page keeps the draft: coming back finds it as it was.
  await page.goBack();
  await text(page, '向这个工作室提意见').tap();
  await text(page, '已恢复你上次没写完的内容').waitFor();
  expect(await shown(page.locator('taro-input-core[name=title] input')).inputValue()).toBe(TITLE);
  expect(await shown(page.locator('taro-textarea-core[name=content] textarea')).inputValue()).toBe(CONTENT);

  // Taro's h5 chooseImage opens the browser's file chooser.
  const chooser = page.waitForEvent('filechooser');
  await text(page, '添加照片').tap();
  await (await chooser).setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PHOTO });
  await shown(page.locator('.lx-photo', { hasText: '删除' })).waitFor();
  await screenshot(page, 'case-form');

  await text(page, '提交').tap();
  const receipt = shown(page.locator('.lx-receipt-no'));
  await receipt.waitFor();
  expect(await receipt.textContent()).toMatch(/^LS-\d{4}-\d{6}$/);

  // Progress reminders are asked for from the tap, through the h5 imitation of WeChat's prompt.
  await text(page, '订阅答复提醒').tap();
  await text(page, '允许').tap();
  await screenshot(page, 'case-receipt');

  await text(page, '查看办理进度').tap();
  await step(page, '提交').waitFor();
  await shown(page.locator('.lx-state', { hasText: '已提交' })).waitFor();
  // Display URLs for the photos arrive after the case itself.
  await shown(page.locator('.lx-gallery .lx-photo')).first().waitFor();
  expect(await shown(page.locator('.lx-gallery .lx-photo')).count()).toBe(1);
  expect(new URL(page.url()).hash).toMatch(/^#\/pages\/case\/index\?id=\w+/);
  await page.context().close();
});

test('the street admin finds the new case under 意见批办 and assigns it to deputy 陈建国 with a deadline', async () => {
  const page = await openAs('admin', '/packages/staff/pages/index/index');
  await text(page, '意见批办').tap();
  await shown(page.locator('.lx-case-item', { hasText: TITLE })).tap();
  await shown(page.locator('.case-head__title', { hasText: TITLE })).waitFor();
  // Display URLs for the photos arrive after the case itself.
  await shown(page.locator('.lx-gallery .lx-photo')).first().waitFor();
  expect(await shown(page.locator('.lx-gallery .lx-photo')).count()).toBe(1);
  await text(page, '批办').tap();
  await shown(page.locator('.lx-choice', { hasText: '陈建国' })).tap();
  await text(page, '确认批办').tap();
  await step(page, '批办', '交 陈建国 办理').waitFor();
  await shown(page.locator('.lx-state', { hasText: '已批办' })).waitFor();
  await shown(page.locator('.case-head__deadline', { hasText: '办理期限' })).waitFor();
  await screenshot(page, 'case-assigned');
  await page.context().close();
});

test('the deputy sees it in 代表工作台, leaves an internal note and replies', async () => {
  const page = await openAs('deputy', '/packages/deputy/pages/index/index');
  const row = shown(page.locator('.lx-case-item', { hasText: TITLE }));
  await row.waitFor();
  expect(await row.textContent()).toContain('期限');
  await row.tap();

  await text(page, '内部备注').tap();
  await shown(page.locator('taro-textarea-core[name=note] textarea')).fill(NOTE);
  await text(page, '保存内部备注').tap();
  await step(page, '内部备注', NOTE).waitFor();

  await text(page, '答复').tap();
  await shown(page.locator('taro-textarea-core[name=replyText] textarea')).fill(REPLY);
  await text(page, '提交答复').tap();
  await shown(page.locator('.case-reply', { hasText: REPLY })).waitFor();
  await shown(page.locator('.lx-state', { hasText: '已答复' })).waitFor();
  await screenshot(page, 'case-replied');
  await page.context().close();
});

test('the resident reads the reply from 消息中心, never sees the internal note, rates “否” and the case is handled again', async () => {
  const page = await openAs('resident', '/pages/me/index');
  await shown(page.locator('.lx-unread-badge')).first().waitFor();
  await text(page, '消息中心').tap();
  const message = shown(page.locator('.lx-inbox-item--unread', { hasText: `您提交的意见“${TITLE}”已答复` }));
  await message.waitFor();
  await message.tap();

  await shown(page.locator('.case-reply', { hasText: REPLY })).waitFor();
  await step(page, '答复').waitFor();
  expect(await page.getByText(NOTE).count()).toBe(0);
  await screenshot(page, 'case-reply-resident');

  await shown(page.locator('.case-star')).nth(2).tap();
  await shown(page.locator('.lx-choice').filter({ hasText: /^否$/ })).tap();
  await text(page, '提交评价').tap();
  // 否 means another reply will come: the same tap asks for its WeChat reminder.
  await text(page, '允许').tap();
  await step(page, '重办', '问题未解决').waitFor();
  await shown(page.locator('.case-head .lx-state', { hasText: '已批办' })).waitFor();
  expect(await shown(page.locator('.case-rate')).count()).toBe(0);
  await screenshot(page, 'case-reopened');
  await page.context().close();
});

test('after the 限时办结 timer runs past the new deadline, the admin finds the case under 督办, marked 逾期', async () => {
  const run = await runDeadlineTimer(new Date(Date.now() + 40 * DAY));
  expect(run.overdue).toBeGreaterThanOrEqual(1);
  expect(run.escalated).toBeGreaterThanOrEqual(1);

  const page = await openAs('admin', '/packages/staff/pages/supervise/index');
  const row = shown(page.locator('.lx-case-item', { hasText: TITLE }));
  await row.waitFor();
  expect(await row.textContent()).toContain('逾期');
  await screenshot(page, 'case-supervised');

  await row.tap();
  await step(page, '督办').waitFor();
  await page.context().close();
});

test('the admin’s 办理统计 counts the case in its summary line and chart, and 台账导出 gives a real .xlsx to download', async () => {
  const figures = await openAs('admin', '/packages/staff/pages/figures/index');
  await shown(figures.locator('.figures-summary__line', { hasText: '收集意见征询表 1 份，批办答复 1 件' })).waitFor();
  expect(await shown(figures.locator('.figures-month')).count()).toBeGreaterThanOrEqual(1);
  await screenshot(figures, 'case-figures');
  await figures.context().close();

  const ledger = await openAs('admin', '/packages/staff/pages/ledger/index');
  await text(ledger, '导出台账').tap();
  await shown(ledger.getByText(/共 1 件意见/)).waitFor();
  const href = await shown(ledger.locator('a.ledger-result__link')).getAttribute('href');
  expect(href).toBeTruthy();
  const file = await ledger.request.get(new URL(href ?? '', world.app().url).toString());
  expect(file.ok()).toBe(true);
  // An .xlsx is a zip archive.
  expect((await file.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  await ledger.context().close();
});

test('a deputy types in a paper form (marked 纸质表); the resident claims it with the receipt number and 认领码 and follows it in 我的意见', async () => {
  const deputy = await openAs('deputy', '/packages/deputy/pages/index/index');
  await text(deputy, '录入纸质意见表').tap();
  await text(deputy, '同意并继续').tap();
  await shown(deputy.locator('.lx-choice', { hasText: '东湖街道党代表工作室' })).tap();
  await shown(deputy.locator('.lx-choice', { hasText: '建议' })).tap();
  await shown(deputy.locator('taro-input-core[name=title] input')).fill('菜市场东门增设休息座椅');
  await shown(deputy.locator('taro-textarea-core[name=content] textarea')).fill('老人买菜走累了没有地方坐，建议在东门加几张座椅。');
  await text(deputy, '提交').tap();
  await text(deputy, '已录入').waitFor();
  const receiptNo = (await shown(deputy.locator('.lx-receipt-no')).textContent()) ?? '';
  expect(receiptNo).toMatch(/^LS-\d{4}-\d{6}$/);
  // The 认领码 goes on the paper receipt beside the number: the number alone claims nothing (test/e2e/claim.test.ts).
  const claimCode = (await shown(deputy.locator('.form-receipt__claim-code')).textContent()) ?? '';
  await deputy.context().close();

  const resident = await openAs('resident', '/pages/opinions/index');
  await text(resident, '我的意见').tap();
  await shown(resident.locator('.lx-case-item', { hasText: TITLE })).waitFor();
  await shown(resident.locator('taro-input-core[name=receiptNo] input')).fill(receiptNo.toLowerCase());
  await shown(resident.locator('taro-input-core[name=claimCode] input')).fill(claimCode);
  await text(resident, '认领').tap();
  await shown(resident.locator('.case-head__title', { hasText: '菜市场东门增设休息座椅' })).waitFor();
  await shown(resident.locator('.case-head .lx-tag', { hasText: '纸质表' })).waitFor();
  await resident.goBack();
  await shown(resident.locator('.lx-case-item', { hasText: '菜市场东门增设休息座椅' })).waitFor();
  await screenshot(resident, 'case-mine');
  await resident.context().close();
});
