/**
 * The case state machine through the real functions: every transition taken legally and once illegally, two
 * transitions at once, who may read a case and its contact, internal notes, 我也遇到 fan-out and the lists.
 */
import { addWorkingDays, chinaDate } from '../../src/shared/calendar';
import { cases } from '../../src/shared/contracts';
import type { CaseListItem } from '../../src/shared/contracts/case';
import { database } from '../../cloud/src/infra/database';
import { casesOf, saveCase } from '../../cloud/src/functions/case/store';
import { startAppCloud, type AppCloud } from '../support/app';
import {
  ADMIN, DEPUTY, DEPUTY2, DISTRICT_ADMIN, RESIDENT, XISHAN_DEPUTY, assigned, failureOf, noticesAbout, rated, replied, submitted,
} from './cases-support';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

const view = async (id: string, openid = ADMIN) => (await app.call(cases.get, { id }, openid)).case;
const kinds = async (openid: string, id: string) => (await noticesAbout(app, openid, id)).map((item) => item.kind);

describe('批办 assign', () => {
  test('an admin assigns a submitted case to a deputy with a deadline of three working days for 求助; the reporter and the deputy are told', async () => {
    const reporter = 'o_flow_assign';
    const id = await submitted(app, reporter);
    expect(await app.call(cases.assign, { id, deputyOpenid: DEPUTY }, ADMIN)).toMatchObject({ id, state: 'assigned', stateLabel: '已批办', version: 2 });
    const after = await view(id);
    expect(after.handler).toEqual({ studioId: 'studio-donghu', deputyOpenid: DEPUTY, deputyName: '陈建国' });
    expect(after.deadline).toBe(addWorkingDays(chinaDate(Date.now()), 3));
    expect(await kinds(reporter, id)).toEqual(['case_assign']);
    expect(await kinds(DEPUTY, id)).toEqual(['case_todo']);
  });

  test('assigning it again is CASE.INVALID_TRANSITION, and a deputy of another studio cannot be the handler', async () => {
    const id = await assigned(app, 'o_flow_assign_twice');
    expect(await failureOf(app, cases.assign, { id, deputyOpenid: DEPUTY2 }, ADMIN)).toBe('CASE.INVALID_TRANSITION');
    const fresh = await submitted(app, 'o_flow_assign_twice');
    expect(await failureOf(app, cases.assign, { id: fresh, deputyOpenid: XISHAN_DEPUTY }, ADMIN)).toBe('INPUT.INVALID');
  });
});

describe('不予受理 refuse', () => {
  test('an admin refuses a case with a reason and the reporter reads it', async () => {
    const reporter = 'o_flow_refuse';
    const id = await submitted(app, reporter);
    expect(await app.call(cases.refuse, { id, reason: '不属于本工作室受理范围，请拨打12345' }, ADMIN)).toMatchObject({ state: 'refused' });
    expect((await view(id, reporter)).refusal).toEqual({ reason: '不属于本工作室受理范围，请拨打12345', at: expect.any(Number) });
    expect(await kinds(reporter, id)).toEqual(['case_refuse']);
  });

  test('refusing a replied case is CASE.INVALID_TRANSITION, and no reason is no refusal', async () => {
    const id = await replied(app, 'o_flow_refuse_late');
    expect(await failureOf(app, cases.refuse, { id, reason: '重复' }, ADMIN)).toBe('CASE.INVALID_TRANSITION');
    expect(await failureOf(app, cases.refuse, { id: await submitted(app, 'o_flow_refuse_late'), reason: '  ' }, ADMIN)).toBe('INPUT.INVALID');
  });
});

describe('开始办理 start', () => {
  test('the handling deputy starts an assigned case; starting it again is CASE.INVALID_TRANSITION', async () => {
    const reporter = 'o_flow_start';
    const id = await assigned(app, reporter);
    expect(await app.call(cases.start, { id }, DEPUTY)).toMatchObject({ state: 'in_progress', stateLabel: '办理中' });
    expect(await failureOf(app, cases.start, { id }, DEPUTY)).toBe('CASE.INVALID_TRANSITION');
    expect(await kinds(reporter, id)).toEqual(['case_start', 'case_assign']);
  });
});

describe('答复 reply', () => {
  test('the deputy replies with text and photos; the reporter reads the reply and is asked to rate', async () => {
    const reporter = 'o_flow_reply';
    const id = await assigned(app, reporter);
    await app.call(cases.reply, { id, text: '已协调物业，本周内更换。', photos: ['cloud://env.bucket/replies/lamp.jpg'] }, DEPUTY);
    const seen = await view(id, reporter);
    expect(seen).toMatchObject({ state: 'replied', reply: { text: '已协调物业，本周内更换。', photos: ['cloud://env.bucket/replies/lamp.jpg'], byName: '陈建国' }, repliedOnTime: true });
    expect(seen.reply?.byOpenid).toBeUndefined();
    expect((await noticesAbout(app, reporter, id))[0]).toMatchObject({ kind: 'case_reply', body: expect.stringContaining('已协调物业，本周内更换。') });
  });

  test('replying to a case nobody assigned is CASE.INVALID_TRANSITION, and a reply failing msgSecCheck is not stored', async () => {
    expect(await failureOf(app, cases.reply, { id: await submitted(app, 'o_flow_reply_early'), text: '好的' }, ADMIN)).toBe('CASE.INVALID_TRANSITION');
    const id = await assigned(app, 'o_flow_reply_risky');
    expect(await failureOf(app, cases.reply, { id, text: '可以加微信领红包' }, DEPUTY)).toBe('CONTENT.RISKY');
    expect(await view(id)).toMatchObject({ state: 'assigned', version: 2 });
  });
});

describe('转办 transfer', () => {
  test('transferring to another deputy keeps the deadline, records the reason and tells the new handler', async () => {
    const reporter = 'o_flow_transfer';
    const id = await assigned(app, reporter);
    const before = await view(id);
    await app.call(cases.transfer, { id, deputyOpenid: DEPUTY2, reason: '刘芳代表联系该小区' }, DEPUTY);
    const after = await view(id);
    expect(after).toMatchObject({ state: 'assigned', deadline: before.deadline, handler: { studioId: 'studio-donghu', deputyOpenid: DEPUTY2, deputyName: '刘芳' } });
    expect(after.events.at(-1)).toMatchObject({ type: 'transfer', note: '刘芳代表联系该小区' });
    expect(await kinds(DEPUTY2, id)).toEqual(['case_todo']);
    expect(await kinds(reporter, id)).toEqual(['case_transfer', 'case_assign']);
  });

  test('transferring a replied case is CASE.INVALID_TRANSITION, and a transfer needs a reason', async () => {
    const id = await replied(app, 'o_flow_transfer_late');
    expect(await failureOf(app, cases.transfer, { id, deputyOpenid: DEPUTY2, reason: '换人' }, ADMIN)).toBe('CASE.INVALID_TRANSITION');
    expect(await failureOf(app, cases.transfer, { id: await assigned(app, 'o_flow_transfer_late'), deputyOpenid: DEPUTY2 }, ADMIN)).toBe('INPUT.INVALID');
  });
});

describe('申请延期 extend', () => {
  test('the handler extends once before the deadline: it moves by the working days asked and the reporter is told', async () => {
    const reporter = 'o_flow_extend';
    const id = await assigned(app, reporter);
    const { deadline } = await view(id);
    await app.call(cases.extend, { id, reason: '需要协调供电公司', days: 2 }, DEPUTY);
    const after = await view(id, reporter);
    expect(after.deadline).toBe(addWorkingDays(deadline ?? '', 2));
    expect(after.extension).toMatchObject({ reason: '需要协调供电公司', from: deadline, to: after.deadline });
    expect(await kinds(reporter, id)).toEqual(['case_extend', 'case_assign']);
    expect(await failureOf(app, cases.extend, { id, reason: '还需要时间', days: 1 }, DEPUTY)).toBe('CASE.EXTENSION_USED');
  });

  test('extending a replied case is CASE.INVALID_TRANSITION, and an admin who does not handle it cannot extend', async () => {
    const id = await replied(app, 'o_flow_extend_late');
    expect(await failureOf(app, cases.extend, { id, reason: '来不及', days: 1 }, DEPUTY)).toBe('CASE.INVALID_TRANSITION');
    expect(await failureOf(app, cases.extend, { id: await assigned(app, 'o_flow_extend_late'), reason: '来不及', days: 1 }, ADMIN)).toBe('AUTH.FORBIDDEN');
  });
});

describe('评价 rate and 重办 reopen', () => {
  test('rating a reply as solved makes the case 已评价; rating it again is CASE.INVALID_TRANSITION', async () => {
    const reporter = 'o_flow_rate';
    const id = await replied(app, reporter);
    expect(await app.call(cases.rate, { id, attitude: 4, solved: 'partly' }, reporter)).toMatchObject({ state: 'rated', stateLabel: '已评价' });
    expect((await view(id, reporter)).rating).toMatchObject({ attitude: 4, solved: 'partly' });
    expect(await failureOf(app, cases.rate, { id, attitude: 5, solved: 'yes' }, reporter)).toBe('CASE.INVALID_TRANSITION');
  });

  test('rating "not solved" reopens the case with the same deputy and a fresh deadline, and the deputy is told', async () => {
    const reporter = 'o_flow_reopen';
    const id = await replied(app, reporter);
    expect(await app.call(cases.rate, { id, attitude: 2, solved: 'no' }, reporter)).toMatchObject({ state: 'assigned' });
    const after = await view(id);
    expect(after).toMatchObject({ reopenCount: 1, handler: { deputyOpenid: DEPUTY }, deadline: addWorkingDays(chinaDate(Date.now()), 3) });
    expect(after.events.at(-1)).toMatchObject({ type: 'reopen', from: 'replied', to: 'assigned' });
    expect((await kinds(DEPUTY, id))[0]).toBe('case_todo');
    // The handling deputy sees the reopening but never who judged it.
    const deputyView = await view(id, DEPUTY);
    expect(deputyView.events.at(-1)).toMatchObject({ type: 'reopen' });
    expect(deputyView.events.at(-1)?.byOpenid).toBeUndefined();
  });

  test('rating a case still in progress is CASE.INVALID_TRANSITION, and only followers may rate', async () => {
    const reporter = 'o_flow_rate_early';
    const id = await assigned(app, reporter);
    expect(await failureOf(app, cases.rate, { id, attitude: 5, solved: 'yes' }, reporter)).toBe('CASE.INVALID_TRANSITION');
    // A stranger is told what an unknown id tells: nothing about whether the case exists.
    expect(await failureOf(app, cases.rate, { id: await replied(app, reporter), attitude: 5, solved: 'yes' }, 'o_flow_stranger')).toBe('CASE.NOT_FOUND');
  });
});

describe('归档 close', () => {
  test('an admin archives a rated case and the reporter is told; archiving a case nobody answered is CASE.INVALID_TRANSITION', async () => {
    const reporter = 'o_flow_close';
    const id = await rated(app, reporter);
    expect(await app.call(cases.close, { id }, ADMIN)).toMatchObject({ state: 'closed', stateLabel: '已归档' });
    expect((await kinds(reporter, id))[0]).toBe('case_close');
    expect(await failureOf(app, cases.close, { id: await submitted(app, reporter) }, ADMIN)).toBe('CASE.INVALID_TRANSITION');
  });

  test('a reply nobody rated is archived only by the timer, never by an admin', async () => {
    expect(await failureOf(app, cases.close, { id: await replied(app, 'o_flow_close_unrated') }, ADMIN)).toBe('AUTH.FORBIDDEN');
  });
});

describe('我也遇到 join and co-report fan-out', () => {
  test('similar open cases of the studio are offered as summaries; after joining, every step reaches both residents', async () => {
    const first = 'o_flow_first_reporter';
    const second = 'o_flow_co_reporter';
    const id = await submitted(app, first, { title: '东湖路3号楼路灯坏了', content: '东湖路3号楼门口路灯坏了很久，晚上漆黑' });
    const offered = await app.call(cases.similar, { studioId: 'studio-donghu', category: 'help', title: '3号楼路灯坏了', content: '东湖路路灯晚上不亮' }, second);
    expect(offered.cases[0]).toEqual({ _id: id, category: 'help', title: '东湖路3号楼路灯坏了', state: 'submitted', stateLabel: '已提交', followerCount: 1, createdAt: expect.any(Number) });

    expect(await app.call(cases.join, { caseId: id }, second)).toEqual({ following: true });
    expect(await app.call(cases.join, { caseId: id }, second)).toEqual({ following: true });
    expect((await app.call(cases.mine, {}, second)).items.map((item) => item.id)).toEqual([id]);

    await app.call(cases.assign, { id, deputyOpenid: DEPUTY }, ADMIN);
    await app.call(cases.reply, { id, text: '已报修，路灯明天修好。' }, DEPUTY);
    for (const resident of [first, second]) expect(await kinds(resident, id)).toEqual(['case_reply', 'case_assign']);
    // The co-reporter reads the case but never the first reporter's contact.
    expect((await view(id, second)).contact).toBeUndefined();
    // Once followed, the case is no longer offered to them.
    const again = await app.call(cases.similar, { studioId: 'studio-donghu', category: 'help', title: '3号楼路灯坏了', content: '' }, second);
    expect(again.cases.map((summary) => summary._id)).not.toContain(id);
  });

  test('joining a case archived since it was offered is CASE.INVALID_TRANSITION', async () => {
    const draft = { studioId: 'studio-donghu', category: 'help', title: '南湖路井盖松动', content: '南湖路井盖松动，车过很响' };
    const id = await replied(app, 'o_flow_join_closed', { title: draft.title, content: draft.content });
    expect((await app.call(cases.similar, draft, 'o_flow_join_late')).cases.map((item) => item._id)).toContain(id);
    await app.call(cases.rate, { id, attitude: 5, solved: 'yes' }, 'o_flow_join_closed');
    await app.call(cases.close, { id }, ADMIN);
    expect(await failureOf(app, cases.join, { caseId: id }, 'o_flow_join_late')).toBe('CASE.INVALID_TRANSITION');
  });
});

describe('two transitions at once', () => {
  test('two admins assigning the same case at the same moment cannot both win: one 批办 is recorded', async () => {
    const id = await submitted(app, 'o_flow_race_assign');
    const replies = await Promise.all([
      app.invoke(cases.assign, { id, deputyOpenid: DEPUTY }, ADMIN),
      app.invoke(cases.assign, { id, deputyOpenid: DEPUTY2 }, DISTRICT_ADMIN),
    ]);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
    const loser = replies.find((reply) => !reply.ok);
    // Lost the race after reading the same version (CONFLICT) or read the winner's write first (INVALID_TRANSITION).
    expect(loser && !loser.ok && loser.error.code).toMatch(/^CASE\.(CONFLICT|INVALID_TRANSITION)$/);
    const after = await view(id);
    expect(after.events.filter((event) => event.type === 'assign')).toHaveLength(1);
    expect(after.version).toBe(2);
  });

  test('the deputy and an admin replying at the same moment cannot both win: one reply is recorded', async () => {
    const id = await assigned(app, 'o_flow_race_reply');
    const replies = await Promise.all([
      app.invoke(cases.reply, { id, text: '代表答复：已处理' }, DEPUTY),
      app.invoke(cases.reply, { id, text: '街道答复：已处理' }, ADMIN),
    ]);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
    expect((await view(id)).events.filter((event) => event.type === 'reply')).toHaveLength(1);
  });

  test('a transition computed from a stale read is refused with CASE.CONFLICT and changes nothing', async () => {
    const id = await submitted(app, 'o_flow_stale');
    const [stale] = await casesOf(database()).where({ _id: id }).get();
    await app.call(cases.assign, { id, deputyOpenid: DEPUTY }, ADMIN);
    await expect(saveCase(database(), stale, { ...stale, state: 'refused', version: stale.version + 1 }, [])).rejects.toMatchObject({
      code: 'CASE.CONFLICT',
      message: '该意见刚被他人处理，请刷新后重试',
    });
    expect(await view(id)).toMatchObject({ state: 'assigned', version: 2 });
  });
});

describe('who may read a case', () => {
  test('a resident cannot read another resident\'s case', async () => {
    const id = await submitted(app, 'o_flow_private');
    expect(await failureOf(app, cases.get, { id }, 'o_flow_neighbour')).toBe('CASE.NOT_FOUND');
  });

  test('a deputy cannot read a case of another studio, a deputy of the studio can', async () => {
    const id = await submitted(app, 'o_flow_studio_only');
    expect(await failureOf(app, cases.get, { id }, XISHAN_DEPUTY)).toBe('CASE.NOT_FOUND');
    expect(await failureOf(app, cases.note, { id, text: '我来看看' }, XISHAN_DEPUTY)).toBe('AUTH.FORBIDDEN');
    expect((await view(id, DEPUTY2)).as).toBe('deputy');
  });

  test('an admin reads cases inside the scope only; the district admin reads them all', async () => {
    const id = await submitted(app, 'o_flow_scope', { studioId: 'studio-xishan' });
    expect(await failureOf(app, cases.get, { id }, ADMIN)).toBe('CASE.NOT_FOUND');
    expect(await failureOf(app, cases.assign, { id, deputyOpenid: XISHAN_DEPUTY }, ADMIN)).toBe('AUTH.FORBIDDEN');
    expect((await view(id, DISTRICT_ADMIN)).as).toBe('admin');
  });

  test('staff reading the contact is audited; a deputy never gets a contact the resident hid from deputies', async () => {
    const reporter = 'o_flow_contact';
    const hidden = await submitted(app, reporter, { contactVisibleToDeputy: false });
    expect((await view(hidden, DEPUTY)).contact).toBeUndefined();
    expect(await failureOf(app, cases.contact, { id: hidden }, DEPUTY)).toBe('AUTH.FORBIDDEN');
    expect((await view(hidden, ADMIN)).contact).toEqual({ name: '王阿姨', phone: '138****5678' });
    expect(await app.call(cases.contact, { id: hidden }, ADMIN)).toEqual({ contact: { name: '王阿姨', phone: '13812345678' } });
    expect((await view(hidden, ADMIN)).events.at(-1)).toMatchObject({ type: 'read_contact', byOpenid: ADMIN, internal: true });
    expect((await view(hidden, reporter)).events.map((event) => event.type)).toEqual(['submit']);

    const shared = await submitted(app, reporter, { contactVisibleToDeputy: true });
    expect(await app.call(cases.contact, { id: shared }, DEPUTY)).toEqual({ contact: { name: '王阿姨', phone: '13812345678' } });
  });

  test('internal notes are kept for staff and never shown to the resident; a resident cannot write one', async () => {
    const reporter = 'o_flow_note';
    const id = await assigned(app, reporter);
    await app.call(cases.note, { id, text: '居民情绪激动，回访注意方式' }, DEPUTY);
    expect((await view(id, ADMIN)).events.at(-1)).toMatchObject({ type: 'note', internal: true, note: '居民情绪激动，回访注意方式' });
    expect((await view(id, reporter)).events.map((event) => event.type)).toEqual(['submit', 'assign']);
    expect(await failureOf(app, cases.note, { id, text: '我补充一下' }, reporter)).toBe('AUTH.FORBIDDEN');
  });
});

describe('lists', () => {
  /** Every page of the deputy's inbox, for the given cases only (other tests fill the same studio). */
  async function inboxOrder(openid: string, ids: string[]): Promise<CaseListItem[]> {
    const all: CaseListItem[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await app.call(cases.deputyInbox, { tab: 'studio', offset, limit: 50 }, openid);
      all.push(...page.items);
      if (!page.hasMore) return all.filter((item) => ids.includes(item.id));
    }
  }

  test("the deputy's 工作室全部 lists cases awaiting a reply first, the nearest deadline first, then answered ones", async () => {
    const reporter = 'o_flow_inbox';
    const answered = await replied(app, reporter);
    const complaint = await assigned(app, reporter, { category: 'complaint', title: '夜间施工扰民' });
    const help = await assigned(app, reporter, { category: 'help', title: '独居老人家中漏水' });
    const items = await inboxOrder(DEPUTY2, [answered, complaint, help]);
    expect(items.map((item) => item.id)).toEqual([help, complaint, answered]);
    expect(items[0]).toMatchObject({ state: 'assigned', handlerName: '陈建国', deadline: addWorkingDays(chinaDate(Date.now()), 3) });
    expect(await inboxOrder(XISHAN_DEPUTY, [answered, complaint, help])).toEqual([]);
  });

  test('我的意见 lists my cases newest first and pages without gaps', async () => {
    const reporter = 'o_flow_mine';
    const ids = [];
    for (const title of ['第一件', '第二件', '第三件']) ids.push(await submitted(app, reporter, { title }));
    const first = await app.call(cases.mine, { limit: 2 }, reporter);
    const second = await app.call(cases.mine, { offset: 2, limit: 2 }, reporter);
    expect([first.hasMore, second.hasMore]).toEqual([true, false]);
    expect([...first.items, ...second.items].map((item) => item.title)).toEqual(['第三件', '第二件', '第一件']);
  });

  test('the admin list filters by state inside the scope and refuses a node outside it', async () => {
    const id = await submitted(app, RESIDENT, { title: '待批办的意见' });
    const waiting = await app.call(cases.adminList, { orgId: 'org-donghu', state: 'submitted', limit: 50 }, ADMIN);
    expect(waiting.items.every((item) => item.state === 'submitted')).toBe(true);
    expect(waiting.items.map((item) => item.id)).toContain(id);
    expect(await failureOf(app, cases.adminList, { orgId: 'org-xishan' }, ADMIN)).toBe('AUTH.FORBIDDEN');
  });
});
