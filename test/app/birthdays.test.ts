/**
 * 政治生日寄语 on the local cloud, on the seed's day (20 November 2026): 李明 (bound) and 刘洋 (not bound) joined on
 * 20 November, 张伟 and 王芳 later that week. The day's run, fired twice at once and again late, greets each member in
 * good standing once, through the push worker (also fired twice at once); a run that died half-way is finished once;
 * staff in scope see who was greeted and who cannot be reached; another branch's admin and strangers see nothing.
 */
import { birthday, inbox } from '../../src/shared/contracts';
import { DEFAULT_GREETING, PARTY_OATH } from '../../src/shared/birthday';
import { pushInboxId } from '../../src/shared/push';
import { database } from '../../cloud/src/infra/database';
import { birthdayJobId, birthdayRepo, greetingsRepo } from '../../cloud/src/infra/birthdays';
import { birthdayRun } from '../../cloud/src/domain/care/birthdays';
import { buildJob } from '../../cloud/src/domain/push/job';
import { orgNodes, publishJob } from '../../cloud/src/infra/push';
import type { AppCloud } from '../support/app';
import { ADMIN, cn, startClockedCloud } from './cases-support';

const LI_MING = 'o_demo_member';
const XISHAN_MEMBER = 'o_bday_xishan';
const XISHAN_ADMIN = 'o_bday_xishan_admin';
const TRANSFERRED = 'o_bday_gone';
const NEWCOMER = 'o_bday_new';
const ZHANG_WEI = 'o_bday_zhang';
const NOTICE = 'tmpl-notice';
const DONGHU_PATH = ['org-district', 'org-donghu', 'org-donghu-sq', 'org-donghu-b1'];
const XISHAN_PATH = ['org-district', 'org-xishan', 'org-xishan-sq', 'org-xishan-b1'];

let app: AppCloud;

const runner = () => {
  const found = app.stack.emulator.runner;
  if (!found) throw new Error('runner missing');
  return found;
};
const fireBirthdays = (at: number) => runner().fireTrigger('birthday', new Date(at)) as Promise<{ created: boolean; reachable: number; unreachable: number; jobId: string }>;
const firePush = (at: number) => runner().fireTrigger('push', new Date(at));
const birthdayMessages = async (openid: string) => (await app.call(inbox.list, { limit: 50 }, openid)).items.filter((item) => item.title === '政治生日快乐');

/** Binds a roster entry to a WeChat user, as the binding flow leaves it. */
async function bind(rosterId: string, openid: string, branchId: string, orgPath: string[], changes: Record<string, unknown> = {}): Promise<void> {
  const db = database();
  await db.collection('roster').doc(rosterId).update({ boundOpenid: openid, boundAt: 1, ...changes });
  await db.collection('users').add({ _id: openid, code: openid.slice(-6).toUpperCase(), createdAt: 1, updatedAt: 1, member: { branchId, rosterId, name: openid, orgPath } });
}

beforeAll(async () => {
  app = await startClockedCloud(cn(2026, 11, 20, 9, 30));
  // 钱进 of 西山 is a 流动党员 who also joined on 20 November; 孙燕 did too but moved away (转出); 胡军 joined today.
  await bind('roster-x1', XISHAN_MEMBER, 'org-xishan-b1', XISHAN_PATH, { joinedAt: '2010-11-20', joinedMonthDay: '11-20', status: '流动党员' });
  await bind('roster-12', TRANSFERRED, 'org-donghu-b1', DONGHU_PATH, { joinedAt: '2001-11-20', joinedMonthDay: '11-20', status: '转出' });
  await bind('roster-13', NEWCOMER, 'org-donghu-b1', DONGHU_PATH, { joinedAt: '2026-11-20', joinedMonthDay: '11-20' });
  await database().collection('users').add({ _id: XISHAN_ADMIN, code: 'XBDAY1', createdAt: 1, updatedAt: 1, admin: { name: '西山管理员', orgIds: ['org-xishan'] } });
  // 李明 allowed the notice message: his birthday greeting also goes to WeChat, opening his card.
  await app.stack.emulator.openapi.grantCredits(LI_MING, [NOTICE]);
  await app.call(inbox.recordSubscription, { accepted: [NOTICE] }, LI_MING);
}, 120_000);
afterAll(() => app.close());

test('the day\'s run fired twice at once and again in the afternoon makes one job; the worker (twice at once) greets each member once', async () => {
  const morning = cn(2026, 11, 20, 8);
  const fires = await Promise.all([fireBirthdays(morning), fireBirthdays(morning)]);
  const late = await fireBirthdays(cn(2026, 11, 20, 15));
  expect(fires.filter((fire) => fire.created)).toHaveLength(1);
  expect(late).toMatchObject({ created: false, reachable: 2, unreachable: 1 });
  await Promise.all([firePush(cn(2026, 11, 20, 8, 1)), firePush(cn(2026, 11, 20, 8, 1))]);
  await firePush(cn(2026, 11, 20, 8, 2));

  const [li] = await birthdayMessages(LI_MING);
  expect(await birthdayMessages(LI_MING)).toHaveLength(1);
  expect(li.body).toContain('1996年11月20日，您光荣地加入了中国共产党');
  expect(li.body).toContain('入党30周年');
  expect(li.body).toContain('东湖社区第一党支部全体党员向您致以诚挚的祝福');
  expect(li.link).toBe('/packages/birthday/pages/card/index?id=roster-01');
  expect(await birthdayMessages(XISHAN_MEMBER)).toEqual([expect.objectContaining({ body: expect.stringContaining('入党16周年') })]);
  // 转出 is not in good standing; the join day itself is no political birthday.
  expect(await birthdayMessages(TRANSFERRED)).toHaveLength(0);
  expect(await birthdayMessages(NEWCOMER)).toHaveLength(0);
  // The WeChat message went once and opens the card.
  const sent = app.stack.emulator.openapi.outbox({ openid: LI_MING, templateId: NOTICE });
  expect(sent).toHaveLength(1);
  expect(sent[0].page).toBe('packages/birthday/pages/card/index?id=roster-01');
});

test('staff in scope see today\'s and this month\'s political birthdays: who read it, who cannot be reached', async () => {
  await app.call(inbox.markRead, { link: '/packages/birthday/pages/card/index?id=roster-01' }, LI_MING);
  const list = await app.call(birthday.list, { orgId: 'org-donghu' }, ADMIN);
  expect(list.date).toBe('2026-11-20');
  expect(list.today.map((item) => [item.name, item.years, item.delivery])).toEqual([
    ['刘洋', 18, 'unreachable'],
    ['李明', 30, 'read'],
  ]);
  // The coming week, to prepare a 重温入党誓词: 张伟 on the 22nd and 王芳 on the 25th, not today's.
  expect(list.week.map((item) => [item.name, item.date])).toEqual(
    expect.arrayContaining([
      ['张伟', '2026-11-22'],
      ['王芳', '2026-11-25'],
    ]),
  );
  expect(list.week.every((item) => item.date > '2026-11-20' && item.date <= '2026-11-27')).toBe(true);
  expect(list.month.map((item) => [item.name, item.date])).toEqual(
    expect.arrayContaining([
      ['张伟', '2026-11-22'],
      ['王芳', '2026-11-25'],
    ]),
  );
  // Not greeted, not listed: 转出, and the member who joined today.
  expect(JSON.stringify(list)).not.toContain('孙燕');
  expect(JSON.stringify(list)).not.toContain('胡军');
  // 西山 is outside this admin's scope: not in the list, and not readable.
  expect(JSON.stringify(list)).not.toContain('钱进');
  expect(await app.invoke(birthday.list, { orgId: 'org-xishan' }, ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
});

test('another branch\'s admin cannot read 东湖\'s birthdays or cards; their own list shows only 西山', async () => {
  expect(await app.invoke(birthday.list, { orgId: 'org-donghu-b1' }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  expect(await app.invoke(birthday.card, { id: 'roster-01' }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  const own = await app.call(birthday.list, { orgId: 'org-xishan' }, XISHAN_ADMIN);
  expect(own.today.map((item) => [item.name, item.delivery])).toEqual([['钱进', 'reached']]);
  expect(JSON.stringify(own)).not.toContain('李明');
});

test('the member opens their card: join date, years, the full oath, the greeting; a stranger gets a polite refusal', async () => {
  const { card } = await app.call(birthday.card, { id: 'roster-01' }, LI_MING);
  expect(card).toMatchObject({ name: '李明', joinDateText: '1996年11月20日', years: 30, date: '2026-11-20', oath: PARTY_OATH, own: true });
  expect(card.greeting).toContain('李明同志');
  expect((await app.call(birthday.card, { id: 'roster-01' }, ADMIN)).card.own).toBe(false);
  for (const stranger of [XISHAN_MEMBER, 'o_demo_resident']) {
    const reply = await app.invoke(birthday.card, { id: 'roster-01' }, stranger);
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(JSON.stringify(reply)).not.toContain('1996');
  }
  expect(await app.invoke(birthday.card, { id: 'roster-01' }, XISHAN_MEMBER)).toMatchObject({ error: { message: '这张政治生日贺卡只有党员本人可以查看' } });
});

test('staff edit their community\'s greeting with a preview on a real member; the next run uses it', async () => {
  const greeting = await app.call(birthday.greeting, { orgId: 'org-donghu-sq' }, ADMIN);
  expect(greeting).toMatchObject({ orgName: '东湖社区', template: DEFAULT_GREETING, isDefault: true });
  const template = '{name}同志，{branch}祝您政治生日快乐！{joinDate}入党，{years}年初心不改。';
  const preview = await app.call(birthday.preview, { orgId: 'org-donghu-sq', template }, ADMIN);
  // The next political birthday in 东湖社区 from today: 20 November (刘洋 and 李明, by name order of the index).
  expect(preview.member).toMatchObject({ date: '2026-11-20' });
  expect(preview.body).toContain(`${preview.member?.name}同志，东湖社区第一党支部祝您政治生日快乐！`);
  expect(await app.invoke(birthday.saveGreeting, { orgId: 'org-donghu-b1', template }, ADMIN)).toMatchObject({ ok: false, error: { code: 'ORG.NOT_FOUND', details: { fields: { orgId: expect.any(String) } } } });
  expect(await app.invoke(birthday.saveGreeting, { orgId: 'org-xishan-sq', template }, ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  expect(await app.call(birthday.saveGreeting, { orgId: 'org-donghu-sq', template }, ADMIN)).toMatchObject({ template, isDefault: false, updatedBy: '赵敏' });
  expect((await app.call(birthday.card, { id: 'roster-01' }, LI_MING)).card.greeting).toBe('李明同志，东湖社区第一党支部祝您政治生日快乐！1996年11月20日入党，30年初心不改。');
});

test('a run that died after storing the day\'s job, and a worker that died mid-send, are finished once by the next fires', async () => {
  const db = database();
  await bind('roster-02', ZHANG_WEI, 'org-donghu-b1', DONGHU_PATH);
  const day = '2026-11-22';
  const at = cn(2026, 11, 22, 8);
  // The crashed run got as far as publishing the job…
  const orgs = await orgNodes(db);
  const run = birthdayRun(await birthdayRepo(db).onMonthDays(['11-22']), day, { branchName: () => '东湖社区第一党支部', greetings: await greetingsRepo(db).all(), rootPath: ['org-district'], sendAt: at });
  if (!run.request) throw new Error('张伟 should be greeted on 22 November');
  await publishJob(db, orgs, buildJob(run.request, at), at);
  // …and its worker wrote 张伟's message and claimed the WeChat send before dying.
  const id = birthdayJobId(day);
  await db.collection('inbox').add({ _id: pushInboxId(id, ZHANG_WEI), openid: ZHANG_WEI, kind: 'birthday', title: '政治生日快乐', body: '…', link: null, createdAt: at, read: false });
  await db.collection('push_deliveries').add({ _id: `${id}:${ZHANG_WEI}`, jobId: id, openid: ZHANG_WEI, state: 'sending', code: null, at });

  expect(await fireBirthdays(cn(2026, 11, 22, 9))).toMatchObject({ created: false, jobId: id });
  await Promise.all([firePush(cn(2026, 11, 22, 9, 1)), firePush(cn(2026, 11, 22, 9, 1))]);
  expect(await birthdayMessages(ZHANG_WEI)).toHaveLength(1);
  const [delivery] = await db.collection<{ state: string }>('push_deliveries').where({ _id: `${id}:${ZHANG_WEI}` }).get();
  // It may or may not have reached WeChat: never sent again.
  expect(delivery.state).toBe('unknown');
  const [job] = await db.collection<{ status: string }>('push_jobs').where({ _id: id }).get();
  expect(job.status).toBe('done');
});
