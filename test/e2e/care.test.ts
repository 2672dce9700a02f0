/**
 * 廉政提醒 in Chromium against `npm start`: a resident binds as 钱进 of 西山社区党支部 (a member of another branch); the
 * street admin schedules a reminder for today to 东湖社区第一党支部 on the 廉政提醒 page, which also lists the coming
 * year's festival reminders; the push worker's timer fires and the reminder's progress reaches 100%; 李明 of that branch
 * reads it in 消息中心, and 钱进 does not get it.
 */
import { chinaInstant } from '../../src/shared/calendar';
import { screenshot } from '../support/browser';
import { bindAsMember, fireTimer, setUpE2eWorld, shown, text } from '../support/e2e';

/**
 * The run's "now" (seed, functions and pages): 30 November 2026, noon China time — the next festival is 元旦 2027, and
 * the holidays page opens on 2026, whose schedule is built in, whatever day or year the suite runs.
 */
const NOW = chinaInstant('2026-11-30', 12);
const world = setUpE2eWorld('care', { now: NOW });
const { openAs } = world;

const TITLE = '支部廉洁提醒';
const BODY = '年终岁末，请守住廉洁底线：不收送礼品礼金，不参加违规宴请。';

test('a resident binds as 钱进 of 西山社区党支部', async () => {
  const resident = await openAs('resident', '/pages/me/index');
  await bindAsMember(resident, '钱进', '1020', '西山社区党支部');
  await resident.context().close();
});

test('staff see the coming festival reminders, schedule one for a branch today, and the worker takes it to 100%', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/reminders/index');
  // The festival plan is there before anything is scheduled, the next festival first: 元旦, sent 30 December.
  await shown(admin.locator('.care-plan', { hasText: '春节' })).first().waitFor();
  const next = shown(admin.locator('.care-plan[data-key]')).first();
  expect(await next.getAttribute('data-key')).toBe('newYear:2027');
  await next.getByText('2026年12月30日', { exact: true }).waitFor();

  await shown(admin.locator('.lx-choice', { hasText: '东湖社区第一党支部' })).tap();
  await shown(admin.locator('taro-input-core[name=adhocTitle] input')).fill(TITLE);
  await shown(admin.locator('taro-textarea-core[name=adhocText] textarea')).fill(BODY);
  await text(admin, '安排提醒').tap();
  const row = shown(admin.locator('.care-adhoc', { hasText: TITLE }));
  await row.waitFor();

  // The push worker's timer fires every minute; fire it (dev route) a minute after the reminder's send time (a
  // reminder for today is sent from the moment it is scheduled).
  await fireTimer(world, 'push', NOW + 60_000);
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

test('节假日安排: the district admin sees 2026 as published (国庆 1–7 October) with dates to edit, and 2027 not yet entered', async () => {
  const district = await openAs('district', '/packages/staff/pages/holidays/index');
  await text(district, '国务院办公厅已公布（内置）').waitFor();
  const national = shown(district.locator('.care-row[data-festival=national]'));
  await national.getByText('2026-10-01', { exact: true }).waitFor();
  await national.getByText('2026-10-07', { exact: true }).waitFor();
  await text(district, '保存 2026 年放假安排').waitFor();
  await screenshot(district, 'care-holidays');
  await text(district, '2027 年').tap();
  await text(district, '尚未录入').waitFor();
  await shown(district.locator('.care-row[data-festival=spring]')).getByText('放假开始：未填', { exact: true }).waitFor();
  await district.context().close();

  const street = await openAs('admin', '/packages/staff/pages/holidays/index');
  await text(street, '放假 10月1日–10月7日').waitFor();
  await text(street, '放假安排由区级管理员统一录入。').waitFor();
  await street.context().close();
});
