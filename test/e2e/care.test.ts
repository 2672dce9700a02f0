/**
 * 廉政提醒 in Chromium against `npm start`: a resident binds as 钱进 of 西山社区党支部 (a member of another branch); the
 * street admin schedules a reminder for today to 东湖社区第一党支部 on the 廉政提醒 page, which also lists the coming
 * year's festival reminders; the push worker's timer fires and the reminder's progress reaches 100%; 李明 of that branch
 * reads it in 消息中心, and 钱进 does not get it.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';

const world = setUpE2eWorld('care');
const { openAs } = world;

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

const TITLE = '支部廉洁提醒';
const BODY = '年终岁末，请守住廉洁底线：不收送礼品礼金，不参加违规宴请。';

test('a resident binds as 钱进 of 西山社区党支部', async () => {
  const resident = await openAs('resident', '/pages/me/index');
  await text(resident, '绑定党员身份').tap();
  await text(resident, '同意并继续').tap();
  await shown(resident.locator('taro-input-core[name=name] input')).fill('钱进');
  await shown(resident.locator('taro-input-core[name=phoneTail] input')).fill('1020');
  await text(resident, '绑定').tap();
  await shown(resident.getByText('您已绑定为西山社区党支部党员', { exact: false })).waitFor();
  await resident.context().close();
});

test('staff see the coming festival reminders, schedule one for a branch today, and the worker takes it to 100%', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/reminders/index');
  // The festival plan is there before anything is scheduled (元旦, 春节 … with their send days).
  await shown(admin.locator('.care-plan', { hasText: '春节' })).first().waitFor();

  await shown(admin.locator('.lx-choice', { hasText: '东湖社区第一党支部' })).tap();
  await shown(admin.locator('taro-input-core[name=adhocTitle] input')).fill(TITLE);
  await shown(admin.locator('taro-textarea-core[name=adhocText] textarea')).fill(BODY);
  await text(admin, '安排提醒').tap();
  const row = shown(admin.locator('.care-adhoc', { hasText: TITLE }));
  await row.waitFor();

  // The push worker's timer fires every minute; fire it now (dev route).
  const fired = await fetch(`${world.app().url}api/_dev/timers/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(fired.ok).toBe(true);
  await text(admin, '刷新进度').tap();
  await row.getByText('进度 100%', { exact: false }).waitFor();
  await screenshot(admin, 'care-reminders');
  await admin.context().close();
});

test('the bound member of that branch reads it in 消息中心; the member of another branch does not get it', async () => {
  const member = await openAs('member', '/pages/inbox/index');
  await shown(member.getByText(TITLE, { exact: true })).waitFor();
  await shown(member.getByText(BODY, { exact: false })).waitFor();
  await member.context().close();

  const other = await openAs('resident', '/pages/inbox/index');
  await shown(other.locator('.lx-inbox-item').or(other.getByText('暂无消息', { exact: true }))).first().waitFor();
  expect(await other.getByText(TITLE, { exact: true }).count()).toBe(0);
  await other.context().close();
});
