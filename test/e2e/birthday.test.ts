/**
 * 政治生日 in Chromium against `npm start`: the demo seed gives 李明 (the member persona, joined in 1996) and 刘洋 (not
 * bound) their political birthday on the day the app first starts. The app runs on a fixed clock (20 November 2026,
 * 10:00 China time: seed, functions and pages), so the suite sees the same day at any hour; the day's run fires (dev
 * timer route, as of that instant), the push worker delivers; 李明 finds the greeting in 消息中心 and opens his card
 * with the right years, the oath, and a PNG to download; staff see him reached and 刘洋 to be told offline; a resident opening the card is
 * told kindly it is not theirs.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { chinaInstant } from '../../src/shared/calendar';
import { screenshot } from '../support/browser';
import { fireTimer, setUpE2eWorld } from '../support/e2e';

/** The run's "now": 李明 joined on 20 November 1996, so this is his 30th political birthday. */
const NOW = chinaInstant('2026-11-20', 10);
const YEARS = 30;
const world = setUpE2eWorld('birthday', { now: NOW });
const { openAs } = world;

const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

const fire = (fn: string, at: number): Promise<unknown> => fireTimer(world, fn, at);

test('the day\'s run greets 李明 (bound) and counts 刘洋 (not bound); the worker delivers it', async () => {
  // Timers are manual in browser tests (LIANXIN_TIMERS=manual): this fire is the day's first.
  expect(await fire('birthday', NOW)).toMatchObject({ today: '2026-11-20', reachable: 1, unreachable: 1, created: true });
  // A second fire the same day, an hour later, sends nothing more.
  expect(await fire('birthday', NOW + 3_600_000)).toMatchObject({ created: false });
  await fire('push', NOW + 60_000);
});

test('李明 finds the greeting in 消息中心 and opens his 政治生日贺卡 with the right years and the full oath', async () => {
  const member = await openAs('member', '/pages/inbox/index');
  const item = shown(member.locator('.lx-inbox-item', { hasText: '政治生日快乐' }));
  await item.getByText(`入党${YEARS}周年`, { exact: false }).waitFor();
  expect(await item.count()).toBe(1);
  await item.tap();
  await text(member, '政治生日贺卡').waitFor();
  await text(member, `入党 ${YEARS} 周年`).waitFor();
  await shown(member.getByText('您光荣地加入了中国共产党', { exact: false })).first().waitFor();
  await shown(member.getByText('随时准备为党和人民牺牲一切，永不叛党。', { exact: false })).first().waitFor();
  await screenshot(member, 'birthday-card');
  const download = member.waitForEvent('download');
  await text(member, '下载贺卡图片').tap();
  const file = await download;
  expect(file.suggestedFilename()).toBe('政治生日贺卡-李明.png');
  const path = await file.path();
  expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
  await text(member, '贺卡图片已下载').waitFor();
  await member.context().close();
});

test('staff see today\'s political birthdays: 李明 reached, 刘洋 to be told offline', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/birthdays/index');
  const li = shown(admin.locator('.bday-row', { hasText: '李明' })).first();
  await li.getByText(/已阅读|已送达/).waitFor();
  await shown(admin.locator('.bday-row', { hasText: '刘洋' })).first().getByText('未绑定微信，需线下告知', { exact: true }).waitFor();
  await text(admin, '未绑定微信 1 人，收不到寄语，请线下告知。').waitFor();
  // 张伟's is in two days: listed under 未来 7 天 to prepare a 重温入党誓词.
  await shown(admin.locator('.bday-row', { hasText: '张伟' })).first().waitFor();
  await screenshot(admin, 'birthday-staff');
  await admin.context().close();
});

test('a resident who opens 李明\'s card is told kindly that it is his alone', async () => {
  const resident = await openAs('resident', '/packages/birthday/pages/card/index?id=roster-01');
  await text(resident, '这张贺卡只有党员本人可以查看').waitFor();
  expect(await resident.getByText('1996年', { exact: false }).count()).toBe(0);
  await resident.context().close();
});
