/**
 * Notices people can rely on, through the real functions on a known day (2026-11-10, 10:00 China time): a 转办 reason
 * stays with staff, a resident's one WeChat credit waits for the reply, each person hears of a step once and in words
 * that fit them (the reporter's case vs. one they follow), reading the case reads its notices, and admins get one
 * digest a day of the new opinions in their scope.
 */
import { account, cases, inbox } from '../../src/shared/contracts';
import { casePage } from '../../src/shared/contracts/case';
import { TEMPLATES } from '../../src/shared/notify';
import { database } from '../../cloud/src/infra/database';
import { notifier } from '../../cloud/src/infra/notifier';
import type { AppCloud } from '../support/app';
import { ADMIN, DEPUTY, DEPUTY2, DISTRICT_ADMIN, assigned, cn, coReporterJoins, noticesAbout, replied, startClockedCloud, submitted } from './cases-support';

const NOW = cn(2026, 11, 10, 10);
const REPLY_TEMPLATE = TEMPLATES.caseReply.id;
const PROGRESS_TEMPLATE = TEMPLATES.caseProgress.id;
// A reason written for colleagues: it names a neighbour's circumstances the reporter must never read.
const TRANSFER_REASON = '王大爷住在东门附近，腿脚不便，由刘芳上门更方便';

let app: AppCloud;
beforeAll(async () => {
  app = await startClockedCloud(NOW);
});
afterAll(() => app.close());

const outbox = (openid: string) => app.stack.emulator.openapi.outbox({ openid });
const kinds = async (openid: string, id: string) => (await noticesAbout(app, openid, id)).map((item) => item.kind);
const credits = async (openid: string) => (await app.call(inbox.recordSubscription, { accepted: [] }, openid)).credits;

/** What the client does when the resident taps 允许 on the prompt after submitting: one credit per template. */
async function acceptPrompt(openid: string): Promise<void> {
  const accepted = [REPLY_TEMPLATE, PROGRESS_TEMPLATE];
  await app.stack.emulator.openapi.grantCredits(openid, accepted);
  await app.call(inbox.recordSubscription, { accepted }, openid);
}

/** Fires the case function's one daily timer as if it were that moment. */
function timerAt(ms: number): Promise<unknown> {
  const runner = app.stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  return runner.fireTrigger('case', new Date(ms));
}

describe('转办 reasons are for colleagues; 不予受理 reasons are for the resident', () => {
  test('after a 转办 the reporter learns only where the case went: the reason is in no inbox message, no WeChat message and not in their case view', async () => {
    const reporter = 'o_notice_transfer';
    await acceptPrompt(reporter);
    const id = await assigned(app, reporter);
    await app.call(cases.transfer, { id, deputyOpenid: DEPUTY2, reason: TRANSFER_REASON }, DEPUTY);

    const notices = await noticesAbout(app, reporter, id);
    expect(notices.map((item) => item.kind)).toEqual(['case_transfer', 'case_assign']);
    expect(notices[0].body).toContain('现由东湖街道党代表工作室 刘芳 代表办理');
    expect(JSON.stringify(notices)).not.toContain('东门');
    expect(JSON.stringify(outbox(reporter))).not.toContain('东门');
    const seen = await app.call(cases.get, { id }, reporter);
    expect(seen.case.events.map((event) => event.type)).toContain('transfer');
    expect(JSON.stringify(seen)).not.toContain('东门');

    // Staff still read why it moved.
    const staff = await app.call(cases.get, { id }, ADMIN);
    expect(staff.case.events.find((event) => event.type === 'transfer')?.note).toBe(TRANSFER_REASON);
  });

  test('a 不予受理 reason reaches the resident in the inbox and as a WeChat message', async () => {
    const reporter = 'o_notice_refuse';
    await acceptPrompt(reporter);
    const id = await submitted(app, reporter);
    await app.call(cases.refuse, { id, reason: '属于物业服务合同纠纷，请拨打12345' }, ADMIN);
    expect((await noticesAbout(app, reporter, id))[0].body).toContain('属于物业服务合同纠纷，请拨打12345');
    const [sent] = outbox(reporter);
    expect(sent).toMatchObject({ templateId: PROGRESS_TEMPLATE, result: { errcode: 0 } });
    expect(sent.data).toMatchObject({ phrase2: { value: '不予受理' } });
  });
});

describe('a resident\'s WeChat credits wait for the reply', () => {
  test('with the credits given after submitting, 批办, 开始办理, 转办 and 延期 stay in the inbox and the reply goes out as a WeChat message', async () => {
    const reporter = 'o_notice_credit';
    await acceptPrompt(reporter);
    const id = await assigned(app, reporter);
    await app.call(cases.start, { id }, DEPUTY);
    await app.call(cases.transfer, { id, deputyOpenid: DEPUTY2, reason: '刘芳熟悉这片小区' }, DEPUTY);
    await app.call(cases.extend, { id, reason: '需要等物业采购灯具', days: 2 }, DEPUTY2);
    expect(await kinds(reporter, id)).toEqual(['case_extend', 'case_transfer', 'case_start', 'case_assign']);
    expect(outbox(reporter)).toEqual([]);

    await app.call(cases.reply, { id, text: '物业已更换路灯，今晚恢复照明。', photos: [] }, DEPUTY2);
    const sent = outbox(reporter);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ templateId: REPLY_TEMPLATE, page: `pages/case/index?id=${id}`, result: { errcode: 0 } });
    expect(sent[0].data).toMatchObject({ thing1: { value: '3号楼路灯不亮' }, name2: { value: '刘芳' }, thing4: { value: '物业已更换路灯，今晚恢复照明。' } });
    // The reply spent its own credit; the one for a case ending without a reply is still there.
    expect(await credits(reporter)).toEqual({ [REPLY_TEMPLATE]: 0, [PROGRESS_TEMPLATE]: 1 });
  });
});

describe('each person hears of a step once, in words that fit them', () => {
  test('a case assigned to the studio as a whole gives each of its deputies exactly one 待办', async () => {
    const id = await submitted(app, 'o_notice_whole_studio');
    await app.call(cases.assign, { id, wholeStudio: true }, ADMIN);
    expect(await kinds(DEPUTY, id)).toEqual(['case_todo']);
    expect(await kinds(DEPUTY2, id)).toEqual(['case_todo']);
  });

  test('a deputy assigned a case he also follows gets one 待办, not a follower notice beside it', async () => {
    // 陈建国 reported it as a resident of the street, then the admin gave it to him.
    const id = await submitted(app, DEPUTY, { title: '小区门口积水' });
    await app.call(cases.assign, { id, deputyOpenid: DEPUTY }, ADMIN);
    const notices = await noticesAbout(app, DEPUTY, id);
    expect(notices.map((item) => item.kind)).toEqual(['case_todo']);
    expect(notices[0].title).toBe('待办意见：小区门口积水');
  });

  test('a case that comes back (重办) is a new 待办 that does not read like the first one', async () => {
    const reporter = 'o_notice_redo';
    const id = await replied(app, reporter);
    await app.call(cases.rate, { id, attitude: 2, solved: 'no' }, reporter);
    const titles = (await noticesAbout(app, DEPUTY, id)).map((item) => item.title);
    expect(titles).toEqual(['重办意见：3号楼路灯不亮', '待办意见：3号楼路灯不亮']);
  });

  test('the reporter reads “您提交的意见…”, a 我也遇到 co-reporter “您关注的意见…”', async () => {
    const reporter = 'o_notice_reporter';
    const neighbour = 'o_notice_neighbour';
    const id = await submitted(app, reporter);
    await coReporterJoins(app, id, neighbour);
    await app.call(cases.assign, { id, deputyOpenid: DEPUTY }, ADMIN);
    const [mine] = await noticesAbout(app, reporter, id);
    const [theirs] = await noticesAbout(app, neighbour, id);
    expect(mine.title).toBe('您提交的意见“3号楼路灯不亮”已批办，交由代表办理');
    expect(theirs.title).toBe('您关注的意见“3号楼路灯不亮”已批办，交由代表办理');
  });

  test('a notice delivered twice (a retry) lands once and is pushed once', async () => {
    const openid = 'o_notice_retry';
    await app.stack.emulator.openapi.grantCredits(openid, [REPLY_TEMPLATE, REPLY_TEMPLATE]);
    await app.call(inbox.recordSubscription, { accepted: [REPLY_TEMPLATE, REPLY_TEMPLATE] }, openid);
    const notify = notifier(database(), () => NOW);
    const notice = {
      to: [openid],
      key: 'case_reply:retry-case:3',
      kind: 'case_reply',
      title: '您提交的意见“路灯”已答复，请查看并评价',
      body: '答复：已修好。',
      link: casePage('retry-case'),
      push: { template: 'caseReply' as const, values: { thing1: '路灯', name2: '陈建国', time3: '2026年11月10日 10:00', thing4: '已修好。' } },
    };
    await Promise.all([notify(notice), notify(notice)]);
    await notify(notice);
    expect((await noticesAbout(app, openid, 'retry-case')).length).toBe(1);
    expect(outbox(openid)).toHaveLength(1);
    expect(await credits(openid)).toEqual({ [REPLY_TEMPLATE]: 1 });
  });
});

describe('reading the case reads its notices', () => {
  test('marking read by the case page clears that case\'s notices and leaves the others unread', async () => {
    const reporter = 'o_notice_reader';
    const first = await assigned(app, reporter);
    const second = await assigned(app, reporter, { title: '楼道灯不亮' });
    expect(await app.call(inbox.unreadCount, {}, reporter)).toEqual({ unread: 2 });
    expect(await app.call(inbox.markRead, { link: casePage(first) }, reporter)).toEqual({ unread: 1 });
    expect((await noticesAbout(app, reporter, first)).every((item) => item.read)).toBe(true);
    expect((await noticesAbout(app, reporter, second)).every((item) => !item.read)).toBe(true);
    // Someone else marking by the same link touches nothing of the reporter's.
    await app.call(inbox.markRead, { link: casePage(second) }, 'o_notice_stranger');
    expect(await app.call(inbox.unreadCount, {}, reporter)).toEqual({ unread: 1 });
  });
});

describe('新意见日报: admins hear once a day of new opinions in their scope', () => {
  const digests = async (openid: string) => (await app.call(inbox.list, { limit: 50 }, openid)).items.filter((item) => item.kind === 'case_digest');

  test('the morning after, each admin over 东湖街道 gets one digest, a second fire of the timer sends nothing again, and the 西山镇 admin gets none', async () => {
    const xishanAdmin = 'o_notice_xishan_admin';
    const { code } = await app.call(account.me, {}, xishanAdmin);
    await app.call(account.grantRole, { userCode: code, role: 'admin', scopeId: 'org-xishan', name: '吴涛' }, DISTRICT_ADMIN);
    await submitted(app, 'o_notice_digest', { title: '公园长椅损坏' });
    const donghu = await app.call(cases.adminList, { orgId: 'org-donghu', limit: 50 }, ADMIN);
    const waiting = donghu.items.filter((item) => item.state === 'submitted').length;

    const morning = cn(2026, 11, 11, 8, 30);
    // Two fires at once (a retried trigger) and a third later that day: the two admins are told once between them.
    const runs = (await Promise.all([timerAt(morning), timerAt(morning + 60_000)])) as Array<{ digests: number }>;
    expect(runs[0].digests + runs[1].digests).toBe(2);
    expect(await timerAt(morning + 3_600_000)).toMatchObject({ digests: 0 });

    for (const admin of [ADMIN, DISTRICT_ADMIN]) {
      const found = await digests(admin);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        title: `新意见日报：11月10日收到 ${donghu.items.length} 件`,
        body: `11月10日，您管辖范围内新收到意见 ${donghu.items.length} 件，其中 ${waiting} 件还在等待批办。请到“意见批办”查看。`,
        link: '/packages/staff/pages/cases/index',
      });
    }
    expect(await digests(xishanAdmin)).toEqual([]);
  });
});
