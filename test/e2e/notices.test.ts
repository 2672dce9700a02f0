/**
 * Issue 9's notices in Chromium against `npm start`: a resident submits, accepts the subscribe prompt on the receipt,
 * the admin assigns, the deputy (whose forms say who will read each text) replies — and the resident's one WeChat
 * message is the reply, found in the emulator's outbox; 批办 spent nothing. Opening the case reads its notices.
 */
import type { Locator, Page } from 'playwright-core';
import { phone, screenshot, signInAs } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';

const TITLE = '桂花社区健身器材松动';
const CONTENT = '桂花社区小广场的漫步机螺丝松了，晃得厉害，老人锻炼时容易摔倒。';
const REPLY = '已请社区安排维修，周五前加固完毕。';
const RESIDENT = 'o_demo_resident';

const world = setUpE2eWorld('notices');
const { openAs } = world;

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

interface Sent {
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  result: { errcode: number };
}

/** What the emulator's subscribeMessage.send recorded for the user (newest first). */
async function outbox(openid: string): Promise<Sent[]> {
  const response = await fetch(`${world.app().url}_emulator/outbox?openid=${encodeURIComponent(openid)}`, { headers: world.app().toolHeaders() });
  expect(response.ok).toBe(true);
  return ((await response.json()) as { outbox: Sent[] }).outbox;
}

let caseId = '';

test('a resident submits an opinion and, on the receipt, allows the reply reminder', async () => {
  const page = await openAs('resident', '/pages/opinions/index');
  await shown(page.locator('.lx-studio-item', { hasText: '东湖街道党代表工作室' })).tap();
  await text(page, '向这个工作室提意见').tap();
  await text(page, '同意并继续').tap();
  await shown(page.locator('.form-place__name', { hasText: '东湖街道党代表工作室' })).waitFor();
  await shown(page.locator('.lx-choice', { hasText: '求助' })).tap();
  await shown(page.locator('taro-input-core[name=title] input')).fill(TITLE);
  await shown(page.locator('taro-textarea-core[name=content] textarea')).fill(CONTENT);
  await text(page, '提交').tap();
  await shown(page.locator('.lx-receipt-no')).waitFor();

  await text(page, '订阅答复提醒').tap();
  await text(page, '意见答复通知').waitFor();
  await screenshot(page, 'notices-prompt');
  await text(page, '允许').tap();
  await shown(page.getByText('已订阅，答复后会在微信里提醒你')).waitFor();

  await text(page, '查看办理进度').tap();
  await shown(page.locator('.case-head__title', { hasText: TITLE })).waitFor();
  caseId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(caseId).not.toBe('');
  await page.context().close();
});

test('the admin assigns it to 陈建国: the resident hears of it in the inbox only, the WeChat credit is kept for the reply', async () => {
  const page = await openAs('admin', `/pages/case/index?id=${caseId}`);
  await text(page, '批办').tap();
  await shown(page.locator('.lx-choice', { hasText: '陈建国' })).tap();
  await text(page, '确认批办').tap();
  await shown(page.locator('.lx-state', { hasText: '已批办' })).waitFor();
  await page.context().close();
  expect(await outbox(RESIDENT)).toEqual([]);
});

test('the deputy sees who reads each text — the 转办 reason only staff, the reply the resident — and replies', async () => {
  const page = await openAs('deputy', `/pages/case/index?id=${caseId}`);
  await text(page, '转办').tap();
  const transferReason = shown(page.locator('.lx-field', { hasText: '转办理由' }));
  await transferReason.getByText('仅工作人员可见', { exact: true }).waitFor();
  await text(page, '取消').tap();

  await text(page, '答复').tap();
  const replyField = shown(page.locator('.lx-field', { hasText: '答复内容' }));
  await replyField.getByText('居民可见', { exact: true }).waitFor();
  await screenshot(page, 'notices-reply-form');
  await shown(page.locator('taro-textarea-core[name=replyText] textarea')).fill(REPLY);
  await text(page, '提交答复').tap();
  await shown(page.locator('.lx-state', { hasText: '已答复' })).waitFor();
  await page.context().close();
});

test('the resident who allowed the reminder receives the reply as a WeChat message (the emulator outbox)', async () => {
  const sent = await outbox(RESIDENT);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ templateId: 'tmpl-case-reply', page: `pages/case/index?id=${caseId}`, result: { errcode: 0 } });
  expect(sent[0].data.thing1.value).toBe(TITLE);
  expect(sent[0].data.thing4.value).toBe(REPLY);
});

test('opening the case reads its notices: 消息中心 shows them read, worded for the reporter', async () => {
  const context = await phone(world.browser());
  await signInAs(context, world.app().url, 'resident');
  const page = await context.newPage();
  // The case page marks its notices read once the case has loaded.
  const marked = page.waitForResponse((response) => response.url().endsWith('/api/inbox') && (response.request().postData() ?? '').includes('markRead'));
  await page.goto(`${world.app().url}#/pages/case/index?id=${caseId}`);
  await shown(page.locator('.case-reply', { hasText: REPLY })).waitFor();
  expect((await marked).ok()).toBe(true);

  const inbox = await context.newPage();
  await inbox.goto(`${world.app().url}#/pages/inbox/index`);
  await shown(inbox.locator('.lx-inbox-item', { hasText: `您提交的意见“${TITLE}”已答复` })).waitFor();
  expect(await shown(inbox.locator('.lx-inbox-item--unread', { hasText: TITLE })).count()).toBe(0);
  await screenshot(inbox, 'notices-inbox-read');
  await context.close();
});
