/**
 * 通知公告 through the push engine on the local cloud: who receives a notice (a member of another branch never does),
 * exactly one inbox entry per (job, recipient) however the worker is interrupted or doubled, subscribe sends at most
 * once (a delivery left 'sending' is reported unknown and not sent again), pause / resume / cancel, and the members who
 * cannot be reached listed for staff. The worker runs slices of 2 recipients here, so every job takes several fires.
 */
import { inbox, push } from '../../src/shared/contracts';
import { pushInboxId, type PushJobView } from '../../src/shared/push';
import { TEMPLATES } from '../../src/shared/notify';
import { database } from '../../cloud/src/infra/database';
import { startAppCloud, type AppCloud } from '../support/app';

const ADMIN = 'o_demo_admin';
const BRANCH = 'org-donghu-b1';
const XISHAN_BRANCH = 'org-xishan-b1';
const LI_MING = 'o_demo_member';
/** Members of 东湖社区第一党支部 bound here (roster-02 … roster-06), and one of 西山社区党支部 (roster-x1). */
const MEMBERS = ['o_push_m2', 'o_push_m3', 'o_push_m4', 'o_push_m5', 'o_push_m6'];
const XISHAN_MEMBER = 'o_push_x1';
const XISHAN_ADMIN = 'o_push_xadmin';
const NOTICE = TEMPLATES.notice.id;

let app: AppCloud;
let requests = 0;

beforeAll(async () => {
  app = await startAppCloud({ env: { LIANXIN_PUSH_SLICE_CAP: '2', LIANXIN_PUSH_BATCH: '2' } });
  const db = database();
  const bind = async (openid: string, rosterId: string, branchId: string, orgPath: string[], tags: string[]): Promise<void> => {
    await db.collection('roster').doc(rosterId).update({ boundOpenid: openid, boundAt: 1, tags });
    await db.collection('users').add({ _id: openid, code: openid.slice(-6).toUpperCase(), createdAt: 1, updatedAt: 1, member: { branchId, rosterId, name: openid, orgPath } });
  };
  const path = ['org-district', 'org-donghu', 'org-donghu-sq', BRANCH];
  for (const [index, openid] of MEMBERS.entries()) await bind(openid, `roster-0${index + 2}`, BRANCH, path, index < 2 ? ['流动'] : ['在职']);
  await bind(XISHAN_MEMBER, 'roster-x1', XISHAN_BRANCH, ['org-district', 'org-xishan', 'org-xishan-sq', XISHAN_BRANCH], ['流动']);
  await db.collection('users').add({ _id: XISHAN_ADMIN, code: 'XADM01', createdAt: 1, updatedAt: 1, admin: { name: '西山管理员', orgIds: ['org-xishan'] } });
  // 李明 and two members allowed the notice message; the others did not.
  for (const openid of [LI_MING, MEMBERS[0], MEMBERS[1]]) {
    await app.stack.emulator.openapi.grantCredits(openid, [NOTICE]);
    await app.call(inbox.recordSubscription, { accepted: [NOTICE] }, openid);
  }
});
afterAll(() => app.close());

const fire = (): Promise<unknown> => {
  const runner = app.stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  return runner.fireTrigger('push');
};

async function publish(overrides: Record<string, unknown> = {}): Promise<PushJobView> {
  requests += 1;
  const input = { requestId: `push-request-${String(requests).padStart(4, '0')}`, orgId: 'org-donghu', branchIds: [BRANCH], title: `支部会议通知${requests}`, body: '本周六上午9点在社区党群服务中心开会。', ...overrides };
  return (await app.call(push.publish, input, ADMIN)).job;
}

const jobOf = async (id: string): Promise<PushJobView> => {
  const found = (await app.call(push.jobs, { orgId: 'org-donghu', limit: 50 }, ADMIN)).items.find((job) => job.id === id);
  if (!found) throw new Error(`job ${id} not listed`);
  return found;
};

/** Fires the worker until the job is finished (or stopped), at most 20 times. */
async function drain(id: string): Promise<PushJobView> {
  for (let i = 0; i < 20; i += 1) {
    const job = await jobOf(id);
    if (job.status !== 'running' && job.status !== 'scheduled') return job;
    await fire();
  }
  return jobOf(id);
}

const titles = async (openid: string): Promise<string[]> => (await app.call(inbox.list, { limit: 50 }, openid)).items.map((item) => item.title);
const sendsTo = (openid: string, title: string): number =>
  app.stack.emulator.openapi.outbox({ openid, templateId: NOTICE }).filter((entry) => entry.data.thing1?.value === title).length;
/** Inbox entries stored for (job, recipient): personal copies and read marks. */
const storedEntries = async (jobId: string, openid: string): Promise<number> =>
  database().collection('inbox').where({ _id: pushInboxId(jobId, openid) }).count();
const countOf = (list: string[], title: string): number => list.filter((item) => item === title).length;

/** Every bound member of the branch allows one more notice message (in WeChat and in our record). */
async function creditEveryone(): Promise<void> {
  for (const openid of [LI_MING, ...MEMBERS]) {
    await app.stack.emulator.openapi.grantCredits(openid, [NOTICE]);
    await app.call(inbox.recordSubscription, { accepted: [NOTICE] }, openid);
  }
}

test('a notice to one branch reaches its bound members at once and nobody of another branch; the unbound are listed', async () => {
  const job = await publish({ title: '主题党日通知' });
  expect(job).toMatchObject({ status: 'done', percent: 100, counts: { recipients: 6, reached: 6, unreachable: 14 } });
  for (const openid of [LI_MING, ...MEMBERS]) expect(countOf(await titles(openid), '主题党日通知')).toBe(1);
  for (const outsider of [XISHAN_MEMBER, 'o_demo_resident', 'o_demo_deputy']) {
    expect(JSON.stringify(await app.call(inbox.list, { limit: 50 }, outsider))).not.toContain('主题党日通知');
  }
  const unreachable = await app.call(push.unreachable, { id: job.id }, ADMIN);
  expect(unreachable.total).toBe(14);
  expect(unreachable.members.map((member) => member.name)).toContain('赵磊');
  expect(unreachable.members.every((member) => member.branchName === '东湖社区第一党支部')).toBe(true);
});

test('the same notice sent twice at once (a double tap, a retry) is one job and one message in each inbox', async () => {
  requests += 1;
  const input = { requestId: `push-double-${requests}0000`, orgId: 'org-donghu', branchIds: [BRANCH], title: '双击通知', body: '只应收到一次。' };
  const [a, b] = await Promise.all([app.call(push.publish, input, ADMIN), app.call(push.publish, input, ADMIN)]);
  expect(a.job.id).toBe(b.job.id);
  expect([a.created, b.created].sort()).toEqual([false, true]);
  expect(countOf(await titles(LI_MING), '双击通知')).toBe(1);
});

test('a member reads a broadcast: it stays in their list as read, the badge goes down, and other members still have it unread', async () => {
  await publish({ title: '已读测试通知' });
  const before = await app.call(inbox.list, { limit: 50 }, MEMBERS[2]);
  const item = before.items.find((entry) => entry.title === '已读测试通知');
  expect(item).toMatchObject({ read: false });
  const after = await app.call(inbox.markRead, { ids: [item?.id ?? ''] }, MEMBERS[2]);
  expect(after.unread).toBe(before.unread - 1);
  const list = await app.call(inbox.list, { limit: 50 }, MEMBERS[2]);
  expect(list.items.filter((entry) => entry.title === '已读测试通知')).toEqual([expect.objectContaining({ read: true })]);
  expect((await app.call(inbox.list, { limit: 50 }, MEMBERS[3])).items.find((entry) => entry.title === '已读测试通知')).toMatchObject({ read: false });
  // Someone else's read mark id changes nothing for them.
  expect(await app.call(inbox.markRead, { ids: [item?.id ?? ''] }, MEMBERS[3])).toMatchObject({ unread: expect.any(Number) });
  expect((await app.call(inbox.list, { limit: 50 }, MEMBERS[3])).items.find((entry) => entry.title === '已读测试通知')).toMatchObject({ read: false });
});

test('with a WeChat message: credited members get one each, the others count as no credit, and a WeChat error is kept with its code', async () => {
  app.stack.emulator.openapi.scriptSendErrors([{ openid: MEMBERS[1], errcode: 45009 }]);
  const job = await publish({ title: '党费收缴通知', subscribe: true });
  expect(job).toMatchObject({ status: 'running', percent: 0 });
  // Visible in the inbox before a single WeChat message went out.
  expect(countOf(await titles(MEMBERS[4]), '党费收缴通知')).toBe(1);
  const done = await drain(job.id);
  expect(done).toMatchObject({ status: 'done', percent: 100, counts: { recipients: 6, processed: 6, sent: 2, noCredit: 3, failed: 1, failedCodes: { '45009': 1 }, unknown: 0, unreachable: 14 } });
  expect(sendsTo(LI_MING, '党费收缴通知')).toBe(1);
  expect(sendsTo(MEMBERS[0], '党费收缴通知')).toBe(1);
  expect(sendsTo(MEMBERS[2], '党费收缴通知')).toBe(0);
});

test('a notice to tagged members (流动) is written to each of their inboxes once, and to nobody else', async () => {
  const job = await publish({ title: '流动党员通知', tags: ['流动'] });
  const done = await drain(job.id);
  expect(done).toMatchObject({ status: 'done', percent: 100, counts: { recipients: 2, reached: 2 } });
  for (const openid of MEMBERS.slice(0, 2)) expect(countOf(await titles(openid), '流动党员通知')).toBe(1);
  for (const openid of [LI_MING, MEMBERS[2], XISHAN_MEMBER]) expect(countOf(await titles(openid), '流动党员通知')).toBe(0);
});

test('exactly once after a crash between slices: the resumed worker adds no second entry, and a delivery left "sending" is reported unknown, never resent', async () => {
  await creditEveryone();
  const job = await publish({ title: '崩溃恢复通知', tags: ['流动', '在职'], subscribe: true });
  await fire();
  const db = database();
  // What a worker killed right after claiming its last recipient leaves: that record 'sending', the cursor before it,
  // and its lease (which runs out).
  const [claimed] = await db.collection<{ openid: string }>('push_deliveries').where({ jobId: job.id, state: 'sent' }).limit(1).get();
  expect(claimed).toBeDefined();
  await db.collection('push_deliveries').doc(String(claimed._id)).update({ state: 'sending' });
  await db.collection('push_jobs').doc(job.id).update({ cursor: '', leaseUntil: Date.now() + 60_000, leaseBy: 'dead-worker' });
  // While the dead worker's lease holds, nobody takes the job.
  await fire();
  expect((await jobOf(job.id)).counts.processed).toBeLessThanOrEqual(2);
  await db.collection('push_jobs').doc(job.id).update({ leaseUntil: 0 });
  const done = await drain(job.id);
  expect(done).toMatchObject({ status: 'done', counts: { recipients: 6, reached: 6, processed: 6, sent: 5, unknown: 1 } });
  const openid = String(claimed.openid);
  expect(sendsTo(openid, '崩溃恢复通知')).toBe(1);
  for (const member of [LI_MING, ...MEMBERS]) {
    expect(await storedEntries(job.id, member)).toBe(1);
    expect(countOf(await titles(member), '崩溃恢复通知')).toBe(1);
  }
});

test('exactly once with two workers at once and with the timer firing again after the end', async () => {
  await creditEveryone();
  const job = await publish({ title: '并发发送通知', tags: ['流动', '在职'], subscribe: true });
  for (let i = 0; i < 6; i += 1) await Promise.all([fire(), fire()]);
  const done = await drain(job.id);
  expect(done).toMatchObject({ status: 'done', counts: { processed: 6, reached: 6, sent: 6, unknown: 0 } });
  await Promise.all([fire(), fire()]);
  await fire();
  for (const member of [LI_MING, ...MEMBERS]) {
    expect(await storedEntries(job.id, member)).toBe(1);
    expect(countOf(await titles(member), '并发发送通知')).toBe(1);
    expect(sendsTo(member, '并发发送通知')).toBe(1);
  }
  expect((await jobOf(job.id)).counts).toMatchObject({ processed: 6, sent: 6 });
});

test('pause stops sending, resume goes on where it stopped, cancel sends nothing more and keeps what was sent', async () => {
  const job = await publish({ title: '暂停测试通知', subscribe: true });
  await fire();
  const first = (await jobOf(job.id)).counts.processed;
  expect(first).toBe(2);
  expect((await app.call(push.steer, { id: job.id, action: 'pause' }, ADMIN)).job.status).toBe('paused');
  await fire();
  await fire();
  expect((await jobOf(job.id)).counts.processed).toBe(first);
  expect((await app.call(push.steer, { id: job.id, action: 'resume' }, ADMIN)).job.status).toBe('running');
  await fire();
  const resumed = await jobOf(job.id);
  expect(resumed.counts.processed).toBe(4);
  const cancelled = (await app.call(push.steer, { id: job.id, action: 'cancel' }, ADMIN)).job;
  expect(cancelled).toMatchObject({ status: 'cancelled', counts: { processed: 4 } });
  const outboxBefore = app.stack.emulator.openapi.outbox({ templateId: NOTICE }).length;
  await fire();
  await fire();
  expect(app.stack.emulator.openapi.outbox({ templateId: NOTICE }).length).toBe(outboxBefore);
  expect((await jobOf(job.id)).counts.processed).toBe(4);
  await expect(app.call(push.steer, { id: job.id, action: 'resume' }, ADMIN)).rejects.toMatchObject({ code: 'PUSH.STATE' });
});

test('a notice scheduled for later is not shown or sent before its time, and cancelled before it is never shown', async () => {
  const job = await publish({ title: '定时通知', sendAt: Date.now() + 3_600_000 });
  expect(job.status).toBe('scheduled');
  expect(countOf(await titles(LI_MING), '定时通知')).toBe(0);
  await app.call(push.steer, { id: job.id, action: 'cancel' }, ADMIN);
  expect(countOf(await titles(LI_MING), '定时通知')).toBe(0);
});

test('a notice paused before its time stays hidden; resumed, it is due at its time again', async () => {
  const sendAt = Date.now() + 3_600_000;
  const job = await publish({ title: '暂停定时通知', sendAt });
  const broadcast = () => database().collection<{ visibleAt: number }>('push_broadcasts').where({ _id: job.id }).get();
  await app.call(push.steer, { id: job.id, action: 'pause' }, ADMIN);
  expect((await broadcast())[0].visibleAt).toBeGreaterThan(sendAt + 365 * 86_400_000);
  expect((await app.call(push.steer, { id: job.id, action: 'resume' }, ADMIN)).job.status).toBe('scheduled');
  expect((await broadcast())[0].visibleAt).toBe(sendAt);
});

test('a notice to 流动党员 only (a status) reaches the bound members of that status and nobody else', async () => {
  await database().collection('roster').doc('roster-04').update({ status: '流动党员' });
  const job = await publish({ title: '流动党员状态通知', statuses: ['流动党员'] });
  expect((await drain(job.id)).counts).toMatchObject({ recipients: 1, reached: 1 });
  expect(countOf(await titles(MEMBERS[2]), '流动党员状态通知')).toBe(1);
  for (const openid of [LI_MING, MEMBERS[0], MEMBERS[3]]) expect(countOf(await titles(openid), '流动党员状态通知')).toBe(0);
  await database().collection('roster').doc('roster-04').update({ status: '正常' });
});

test('an admin of another street can neither publish to this branch, list its notices, nor steer or read them', async () => {
  const job = await publish({ title: '范围测试通知' });
  await expect(app.call(push.publish, { requestId: 'push-scope-000001', orgId: 'org-xishan', branchIds: [BRANCH], title: '越权', body: '越权' }, XISHAN_ADMIN)).rejects.toMatchObject({
    code: 'ORG.NOT_FOUND',
  });
  await expect(app.call(push.jobs, { orgId: 'org-donghu' }, XISHAN_ADMIN)).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
  await expect(app.call(push.steer, { id: job.id, action: 'cancel' }, XISHAN_ADMIN)).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
  await expect(app.call(push.unreachable, { id: job.id }, XISHAN_ADMIN)).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
  expect(JSON.stringify(await app.call(push.jobs, { orgId: 'org-xishan' }, XISHAN_ADMIN))).not.toContain('范围测试通知');
});

test('a notice to the deputies and staff of a street reaches them and no member; a deputy or admin of another street never gets it', async () => {
  const job = await publish({ title: '代表和管理员通知', branchIds: [], roles: ['deputy', 'staff'] });
  expect(job.audienceNames).toEqual(['东湖街道', '党代表', '管理员']);
  const done = await drain(job.id);
  // 东湖's two deputies (陈建国, 刘芳) and its admin 赵敏; nobody unreachable (no roster members are addressed).
  expect(done).toMatchObject({ status: 'done', percent: 100, counts: { recipients: 3, reached: 3, unreachable: 0 } });
  for (const openid of ['o_demo_deputy', 'o_demo_deputy2', ADMIN]) expect(countOf(await titles(openid), '代表和管理员通知')).toBe(1);
  for (const outsider of [LI_MING, ...MEMBERS, 'o_demo_deputy3', XISHAN_ADMIN, 'o_demo_district']) {
    expect(JSON.stringify(await app.call(inbox.list, { limit: 50 }, outsider))).not.toContain('代表和管理员通知');
  }
});

test('members and deputies together: each gets one entry, and a deputy who is also an addressed member is counted once', async () => {
  // 陈建国 is also a bound member of the branch: he is reached as a member, not a second time as a deputy.
  await database().collection('roster').doc('roster-07').update({ boundOpenid: 'o_demo_deputy', boundAt: 1 });
  const job = await publish({ title: '党员和代表通知', branchIds: [], roles: ['member', 'deputy'] });
  const done = await drain(job.id);
  // 李明, the five bound members, 陈建国 (as a member) and 刘芳 (as a deputy).
  expect(done).toMatchObject({ status: 'done', percent: 100, counts: { recipients: 8, reached: 8, processed: 8 } });
  for (const openid of [LI_MING, ...MEMBERS, 'o_demo_deputy', 'o_demo_deputy2']) {
    expect(await storedEntries(job.id, openid)).toBe(1);
    expect(countOf(await titles(openid), '党员和代表通知')).toBe(1);
  }
  for (const outsider of [XISHAN_MEMBER, 'o_demo_deputy3', ADMIN]) expect(countOf(await titles(outsider), '党员和代表通知')).toBe(0);
  await database().collection('roster').doc('roster-07').update({ boundOpenid: null, boundAt: null });
});

test('a job cancelled after its worker died: the delivery left "sending" is reported unknown, never sent again, and nothing more goes out', async () => {
  await creditEveryone();
  const job = await publish({ title: '取消后崩溃通知', tags: ['流动', '在职'], subscribe: true });
  await fire();
  const db = database();
  const [claimed] = await db.collection<{ openid: string }>('push_deliveries').where({ jobId: job.id, state: 'sent' }).limit(1).get();
  await db.collection('push_deliveries').doc(String(claimed._id)).update({ state: 'sending' });
  await db.collection('push_jobs').doc(job.id).update({ leaseUntil: Date.now() + 60_000, leaseBy: 'dead-worker' });
  await app.call(push.steer, { id: job.id, action: 'cancel' }, ADMIN);
  const outboxBefore = app.stack.emulator.openapi.outbox({ templateId: NOTICE }).length;
  // While the dead worker's lease holds nobody touches the job; once it runs out, the next fire closes the books.
  await fire();
  expect((await jobOf(job.id)).counts.unknown).toBe(0);
  await db.collection('push_jobs').doc(job.id).update({ leaseUntil: 0 });
  await fire();
  await fire();
  expect(await jobOf(job.id)).toMatchObject({ status: 'cancelled', counts: { processed: 2, sent: 1, unknown: 1 } });
  expect(app.stack.emulator.openapi.outbox({ templateId: NOTICE }).length).toBe(outboxBefore);
  expect(sendsTo(String(claimed.openid), '取消后崩溃通知')).toBe(1);
});

test('a member with more than 200 notices: opening an old one marks it read, and 全部已读 reads every one however old', async () => {
  const db = database();
  const member = MEMBERS[4];
  // 210 older notices to the branch (one a day), all before any notice of the tests above.
  for (let i = 0; i < 210; i += 1) {
    await db.collection('push_broadcasts').add({ _id: `old-notice-${i}`, targets: [`org:${BRANCH}`], kind: 'notice', title: `旧通知${i}`, body: '旧通知', link: null, visibleAt: 1_000_000 + i * 86_400_000 });
  }
  const oldest = pushInboxId('old-notice-0', member);
  await app.call(inbox.markRead, { ids: [oldest] }, member);
  expect(await storedEntries('old-notice-0', member)).toBe(1);
  const unreadBefore = (await app.call(inbox.unreadCount, {}, member)).unread;
  expect(unreadBefore).toBeGreaterThan(0);
  expect((await app.call(inbox.markRead, { all: true }, member)).unread).toBe(0);
  // The far end of the list (past the latest 200) reads as read too, and the badge stays at 0.
  for (const offset of [0, 150, 200]) {
    const page = await app.call(inbox.list, { offset, limit: 50 }, member);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.filter((item) => !item.read).map((item) => item.title)).toEqual([]);
  }
  expect((await app.call(inbox.unreadCount, {}, member)).unread).toBe(0);
  // Another member of the branch still has them unread: 全部已读 is the caller's own.
  expect((await app.call(inbox.unreadCount, {}, MEMBERS[3])).unread).toBeGreaterThan(0);
});
