/**
 * 通知公告 in Chromium against `npm start`: a resident binds as 钱进 of 西山社区党支部 (a member of another branch); the
 * street admin sends a 通知 to 东湖社区第一党支部; after the worker's run its progress bar reaches 100%, with the
 * unbound members listed; 李明 of that branch reads it in 消息中心, and 钱进 does not get it.
 */
import { screenshot } from '../support/browser';
import { bindAsMember, fireTimer, setUpE2eWorld, shown, text } from '../support/e2e';

const world = setUpE2eWorld('push');
const { openAs } = world;

const TITLE = '主题党日活动通知';
const BODY = '本周六上午9点在东湖社区党群服务中心开展主题党日活动，请准时参加。';

test('a resident binds as 钱进 of 西山社区党支部', async () => {
  const resident = await openAs('resident', '/pages/me/index');
  await bindAsMember(resident, '钱进', '1020', '西山社区党支部');
  await resident.context().close();
});

test('staff send a 通知 to one branch; after the worker runs its progress reaches 100%, and the unbound are listed', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/notices/index');
  await shown(admin.locator('.lx-choice', { hasText: '东湖社区第一党支部' })).tap();
  await shown(admin.locator('taro-input-core[name=title] input')).fill(TITLE);
  await shown(admin.locator('taro-textarea-core[name=body] textarea')).fill(BODY);
  await text(admin, '发布通知').tap();
  const card = shown(admin.locator('.notice-job', { hasText: TITLE }));
  await card.waitFor();
  await card.getByText('发送中', { exact: true }).waitFor();

  // The worker's timer fires every minute; fire it now (dev route).
  await fireTimer(world, 'push');
  await text(admin, '刷新进度').tap();
  await card.getByText('已完成', { exact: true }).waitFor();
  await card.getByText('进度 100% · 已送达 1 / 1 人', { exact: true }).waitFor();
  await card.getByText('未绑定微信 19 人，需线下告知（点此查看名单）', { exact: true }).tap();
  await card.getByText('张伟（东湖社区第一党支部）', { exact: true }).waitFor();
  await screenshot(admin, 'push-progress');
  await admin.context().close();
});

test('the bound member of that branch reads it in 消息中心; the member of another branch does not get it', async () => {
  const member = await openAs('member', '/pages/inbox/index');
  await shown(member.getByText(TITLE, { exact: true })).waitFor();
  await shown(member.getByText(BODY, { exact: false })).waitFor();
  await screenshot(member, 'push-inbox');
  await member.context().close();

  const other = await openAs('resident', '/pages/inbox/index');
  // The list has loaded (its items or the empty state) before we look for the notice.
  await shown(other.locator('.lx-inbox-item').or(other.getByText('暂无消息', { exact: true }))).first().waitFor();
  expect(await other.getByText(TITLE, { exact: true }).count()).toBe(0);
  await other.context().close();
});
