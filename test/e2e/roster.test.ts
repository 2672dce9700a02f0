/**
 * 党员名册 in Chromium against `npm start`: the street admin imports a roster .xlsx with one bad row (shown with its
 * reason, nothing written), fixes it and confirms; the new member then binds their WeChat with name + phone tail.
 */
import type { Locator, Page } from 'playwright-core';
import { buildRosterWorkbook } from '../../cloud/src/domain/roster/workbook';
import { ROSTER_COLUMNS, type RosterColumn } from '../../src/shared/roster';
import { screenshot } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';

const { openAs } = setUpE2eWorld('roster');

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

const member = (name: string, phone: string, joinedAt: string): Record<RosterColumn, string> => {
  const values: Partial<Record<RosterColumn, string>> = { 姓名: name, 性别: '女', 手机号: phone, 所在支部: '东湖社区第一党支部', 入党日期: joinedAt, 转正日期: '', 党员类别: '预备', 状态: '正常', 标签: '在职' };
  return Object.fromEntries(ROSTER_COLUMNS.map((column) => [column, values[column] ?? ''])) as Record<RosterColumn, string>;
};

async function importFile(page: Page, rows: Array<Record<RosterColumn, string>>): Promise<void> {
  const buffer = await buildRosterWorkbook(rows);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), text(page, '选择表格（.xlsx / .csv）').tap()]);
  await chooser.setFiles({ name: '名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

test('staff import a roster with one bad row (shown, nothing written), fix it and confirm; the new member binds with name and phone tail', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/roster/index');
  await shown(admin.locator('.roster-branch', { hasText: '东湖社区第一党支部' })).waitFor();
  await shown(admin.locator('.roster-branch', { hasText: '党员 20 人 · 已绑定微信 1 人' })).waitFor();

  await importFile(admin, [member('柳青', '13912345678', '2025-07-01'), member('柳絮', '13912345679', '2099-07-01')]);
  await shown(admin.getByText('共 2 行：可导入 1 行，有误 1 行', { exact: false })).waitFor();
  await shown(admin.getByText('入党日期：入党日期晚于今天')).waitFor();
  await screenshot(admin, 'roster-import-preview');
  // Nothing is written before 确认导入.
  await shown(admin.locator('.roster-branch', { hasText: '东湖社区第一党支部' })).tap();
  await shown(admin.locator('.roster-member', { hasText: '李明' })).waitFor();
  expect(await shown(admin.locator('.roster-member', { hasText: '柳青' })).count()).toBe(0);

  await importFile(admin, [member('柳青', '13912345678', '2025-07-01'), member('柳絮', '13912345679', '2024-07-01')]);
  await shown(admin.getByText('共 2 行：可导入 2 行', { exact: false })).waitFor();
  await text(admin, '确认导入 2 人').tap();
  await text(admin, '已导入 2 人').waitFor();
  await shown(admin.locator('.roster-branch', { hasText: '党员 22 人 · 已绑定微信 1 人' })).waitFor();
  await shown(admin.locator('.roster-member', { hasText: '柳青' })).waitFor();
  await expect(shown(admin.locator('.roster-member', { hasText: '柳青' })).innerText()).resolves.toContain('139****5678');
  await admin.context().close();

  const resident = await openAs('resident', '/pages/me/index');
  await text(resident, '绑定党员身份').tap();
  await text(resident, '同意并继续').tap();
  await shown(resident.locator('taro-input-core[name=name] input')).fill('柳青');
  await shown(resident.locator('taro-input-core[name=phoneTail] input')).fill('5678');
  await text(resident, '绑定').tap();
  await text(resident, '绑定成功').waitFor();
  await shown(resident.getByText('您已绑定为东湖社区第一党支部党员', { exact: false })).waitFor();
  await screenshot(resident, 'roster-bound');
  await resident.context().close();

  const again = await openAs('admin', '/packages/staff/pages/roster/index');
  await shown(again.locator('.roster-branch', { hasText: '党员 22 人 · 已绑定微信 2 人' })).waitFor();
  await again.context().close();
});
