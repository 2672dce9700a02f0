/**
 * The notification center end to end on the local cloud: every notice lands in the inbox; a subscribe message goes out
 * only while the user holds a credit for its template; WeChat's 43101 clears our record of credits.
 * The trigger here is a role grant, which notifies the person concerned.
 */
import { account, inbox } from '../../src/shared/contracts';
import { TEMPLATES } from '../../src/shared/notify';
import { startAppCloud, type AppCloud } from '../support/app';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

const ROLE_TEMPLATE = TEMPLATES.roleChange.id;

async function grantDeputy(openid: string, name: string): Promise<void> {
  const { code } = await app.call(account.me, {}, openid);
  await app.call(account.grantRole, { userCode: code, role: 'deputy', scopeId: 'studio-donghu', name }, 'o_demo_admin');
}

test('with a credit: the notice lands in the inbox and one subscribe message is sent, spending the credit', async () => {
  const openid = 'o_notify_subscribed';
  // What the client does after the user taps 允许: WeChat grants the credit, and we record it.
  await app.stack.emulator.openapi.grantCredits(openid, [ROLE_TEMPLATE]);
  expect(await app.call(inbox.recordSubscription, { accepted: [ROLE_TEMPLATE] }, openid)).toEqual({ credits: { [ROLE_TEMPLATE]: 1 } });

  await grantDeputy(openid, '郑一');

  const sent = app.stack.emulator.openapi.outbox({ openid });
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ templateId: ROLE_TEMPLATE, page: 'pages/me/index', result: { errcode: 0 } });
  expect(sent[0].data).toMatchObject({ phrase1: { value: '党代表' }, thing2: { value: '东湖街道党代表工作室' } });
  expect((await app.call(inbox.list, {}, openid)).items[0]).toMatchObject({ kind: 'role_granted', read: false, link: '/pages/me/index' });
  expect(await app.call(inbox.recordSubscription, { accepted: [] }, openid)).toEqual({ credits: { [ROLE_TEMPLATE]: 0 } });
});

test('without a credit: the notice still lands in the inbox and nothing is sent', async () => {
  const openid = 'o_notify_plain';
  await grantDeputy(openid, '郑二');
  expect(app.stack.emulator.openapi.outbox({ openid })).toEqual([]);
  expect(await app.call(inbox.unreadCount, {}, openid)).toEqual({ unread: 1 });
});

test('when WeChat answers 43101 (no subscription on its side) our credit record is cleared and the inbox still has it', async () => {
  const openid = 'o_notify_stale';
  await app.call(inbox.recordSubscription, { accepted: [ROLE_TEMPLATE, ROLE_TEMPLATE] }, openid);
  await grantDeputy(openid, '郑三');
  expect(app.stack.emulator.openapi.outbox({ openid })).toEqual([expect.objectContaining({ result: expect.objectContaining({ errcode: 43101 }) })]);
  expect(await app.call(inbox.recordSubscription, { accepted: [] }, openid)).toEqual({ credits: { [ROLE_TEMPLATE]: 0 } });
  expect(await app.call(inbox.unreadCount, {}, openid)).toEqual({ unread: 1 });
});

test('marking read touches only the caller\'s own messages', async () => {
  const owner = 'o_notify_owner';
  await grantDeputy(owner, '郑四');
  const [message] = (await app.call(inbox.list, {}, owner)).items;
  expect(await app.call(inbox.markRead, { ids: [message.id] }, 'o_notify_intruder')).toEqual({ unread: 0 });
  expect(await app.call(inbox.unreadCount, {}, owner)).toEqual({ unread: 1 });
  expect(await app.call(inbox.markRead, { ids: [message.id] }, owner)).toEqual({ unread: 0 });
  expect((await app.call(inbox.list, {}, owner)).items[0].read).toBe(true);
});

test('the inbox lists newest first and pages without gaps', async () => {
  const openid = 'o_notify_many';
  const { code } = await app.call(account.me, {}, openid);
  for (const scopeId of ['studio-donghu']) {
    await app.call(account.grantRole, { userCode: code, role: 'deputy', scopeId, name: '郑五' }, 'o_demo_admin');
    await app.call(account.revokeRole, { userCode: code, role: 'deputy', scopeId }, 'o_demo_admin');
    await app.call(account.grantRole, { userCode: code, role: 'deputy', scopeId, name: '郑五' }, 'o_demo_admin');
  }
  const first = await app.call(inbox.list, { limit: 2 }, openid);
  const second = await app.call(inbox.list, { offset: 2, limit: 2 }, openid);
  expect(first.hasMore).toBe(true);
  expect(second.hasMore).toBe(false);
  expect([...first.items, ...second.items].map((item) => item.kind)).toEqual(['role_granted', 'role_revoked', 'role_granted']);
  expect(first.items[0].createdAt).toBeGreaterThanOrEqual(first.items[1].createdAt);
});

test('a grant sent twice at once (a retried request) tells the person once', async () => {
  const openid = 'o_notify_retried';
  const { code } = await app.call(account.me, {}, openid);
  const grant = { userCode: code, role: 'deputy' as const, scopeId: 'studio-donghu', name: '郑六' };
  await Promise.all([app.call(account.grantRole, grant, 'o_demo_admin'), app.call(account.grantRole, grant, 'o_demo_admin')]);
  await app.call(account.grantRole, grant, 'o_demo_admin');
  expect((await app.call(inbox.list, {}, openid)).items.map((item) => item.kind)).toEqual(['role_granted']);
});
