/**
 * In Chromium against `npm start`: each demo persona signs in and sees what its role allows; a role grant by the
 * street admin reaches the resident's inbox and the unread badge.
 */
import { phone, screenshot } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';

const world = setUpE2eWorld('personas');
const { openAs } = world;

test('the dev sign-in page lists the personas and signing in as the deputy shows the deputy role in 我的', async () => {
  const context = await phone(world.browser());
  const page = await context.newPage();
  await page.goto(`${world.app().url}#/pages/dev-sign-in/index`);
  await page.getByText('本地演示：选择一个身份登录').waitFor();
  for (const label of ['居民 王阿姨', '党员 李明', '党代表 陈建国', '街道管理员 赵敏']) await page.getByText(label).waitFor();
  await page.getByText('党代表 陈建国').tap();
  await page.getByText('代表工作台').waitFor();
  await page.getByText('党代表', { exact: true }).first().waitFor();
  await screenshot(page, 'me-deputy');
  await context.close();
});

test.each([
  ['resident', ['群众'], ['代表工作台', '管理工作台']],
  ['member', ['党员', '东湖社区第一党支部'], ['代表工作台', '管理工作台']],
  ['deputy', ['党代表', '东湖街道党代表工作室', '代表工作台'], ['管理工作台']],
  ['admin', ['管理员', '东湖街道', '管理工作台'], ['代表工作台']],
])('%s sees %j in 我的 and not %j', async (persona, visible, hidden) => {
  const page = await openAs(persona, '/pages/me/index');
  for (const text of visible) await page.getByText(text, { exact: true }).first().waitFor();
  for (const text of hidden) expect(await page.getByText(text, { exact: true }).count()).toBe(0);
  await screenshot(page, `me-${persona}`);
  await page.context().close();
});

test('a resident who opens the staff workbench is told it is for admins only', async () => {
  const page = await openAs('resident', '/packages/staff/pages/index/index');
  await page.getByText('仅管理员可用').waitFor();
  await page.context().close();
});

test('the street admin grants the resident a deputy role; the resident sees the unread badge and the message in 消息中心', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/index/index');
  await admin.getByText('授权管理').waitFor();
  await admin.locator('taro-input-core[name=userCode] input').fill('RES234');
  await admin.locator('taro-input-core[name=name] input').fill('王秀英');
  await admin.getByText('党代表', { exact: true }).first().tap();
  await admin.locator('.staff-choice', { hasText: '东湖街道党代表工作室' }).tap();
  await admin.getByText('确认授权').tap();
  await admin.locator('.lx-role-holder', { hasText: '王秀英' }).waitFor();
  await screenshot(admin, 'staff-grant');
  await admin.context().close();

  const resident = await openAs('resident', '/pages/me/index');
  await resident.locator('.lx-unread-badge', { hasText: '1' }).first().waitFor();
  await resident.getByText('消息中心', { exact: true }).tap();
  const item = resident.locator('.lx-inbox-item', { hasText: '东湖街道党代表工作室' });
  await item.waitFor();
  await screenshot(resident, 'inbox-resident');
  await resident.getByText('全部已读').tap();
  await resident.locator('.lx-unread-badge').first().waitFor({ state: 'detached' });
  await resident.context().close();
});
