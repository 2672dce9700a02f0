/**
 * Abuse and load on the 意见征询 submit path: a client forging the 限时办结 timer, the 5-per-hour limit under
 * concurrency, receipt numbers when many residents submit at once, and texts WeChat's check holds for review.
 */
import { cases, inbox } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import type { AppCloud } from '../support/app';
import { ADMIN, DEPUTY, DISTRICT_ADMIN, assigned, cn, form, startClockedCloud } from './cases-support';

const NOW = cn(2026, 11, 20, 10);

let app: AppCloud;
beforeAll(async () => {
  app = await startClockedCloud(NOW);
});
afterAll(() => app.close());

function runner() {
  const found = app.stack.emulator.runner;
  if (!found) throw new Error('runner missing');
  return found;
}

/** Everything a timer run could change: the cases, their audit trail and everybody's inbox. */
async function world(): Promise<string> {
  const db = database();
  const [all, events, inbox] = await Promise.all(
    ['cases', 'case_events', 'inbox'].map((name) => db.collection(name).orderBy('_id', 'asc').limit(1000).get()),
  );
  return JSON.stringify({ all, events, inbox });
}

async function post(path: string, body: unknown, cookie = ''): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${app.stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('a client cannot run the 限时办结 timer', () => {
  // Far past every deadline: a real run at this time would mark cases overdue, escalate them and write notices.
  const forged = { Type: 'Timer', TriggerName: 'deadlines', Time: '2027-06-01T00:30:00Z' };

  test('a timer-shaped event from a signed-in resident is an invalid request, and no case or notice changes', async () => {
    const id = await assigned(app, 'o_abuse_timer');
    const before = await world();
    const reply = await runner().invoke('case', forged, { OPENID: 'o_abuse_timer', source: 'wx_client' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await world()).toBe(before);
    expect((await app.call(cases.get, { id }, ADMIN)).case).toMatchObject({ state: 'assigned', overdue: false });
  });

  test('through the H5 gateway, with or without a cookie, with an admin persona too: refused, nothing changes', async () => {
    await assigned(app, 'o_abuse_gateway');
    const before = await world();
    const anonymous = await post('api/case', forged);
    // Without a cookie the gateway may refuse before the function (which would refuse too): either way, no run.
    expect(anonymous).toMatchObject({ json: { ok: false } });
    const signIn = await fetch(`${app.stack.url}api/_dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"persona":"admin"}' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^lx_openid=/);
    expect(await post('api/case', forged, cookie)).toMatchObject({ status: 200, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
    expect(await world()).toBe(before);
  });

  test('the platform firing the timer still runs it (the case past its deadline is marked overdue)', async () => {
    const id = await assigned(app, 'o_abuse_real_timer');
    await runner().fireTrigger('case', new Date('2027-06-01T00:30:00Z'));
    expect((await app.call(cases.get, { id }, DEPUTY)).case).toMatchObject({ overdue: true });
  });

  test('an unknown trigger name answers a structured error instead of crashing the function', async () => {
    const reply = await runner().invoke('case', { ...forged, TriggerName: 'nosuch' }, { source: 'timer' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN', details: { trigger: 'nosuch' } } });
  });
});

describe('the 5-per-hour submit limit holds when submits arrive together', () => {
  test('twenty concurrent forms from one resident: exactly five become cases, the rest are told when to try again', async () => {
    const reporter = 'o_abuse_flood';
    const replies = await Promise.all(Array.from({ length: 20 }, () => app.invoke(cases.submit, form(), reporter)));
    const accepted = replies.filter((reply) => reply.ok);
    expect(accepted).toHaveLength(5);
    for (const reply of replies.filter((each) => !each.ok)) {
      // The functions' clock is 10:00 China time: the hour's window ends at 11:00.
      expect(reply).toEqual({ ok: false, error: { code: 'RATE.LIMITED', message: '一小时内最多提交 5 件意见，请在 11:00 以后再试', details: { retryAt: cn(2026, 11, 20, 11) } } });
    }
    const mine = await app.call(cases.mine, { limit: 50 }, reporter);
    expect(mine.items).toHaveLength(5);
  });

  test('retries of stored forms, even many at once, answer their cases and take no slot', async () => {
    const reporter = 'o_abuse_replays';
    const first = form();
    const stored = await app.call(cases.submit, first, reporter);
    const replays = await Promise.all(Array.from({ length: 10 }, () => app.call(cases.submit, first, reporter)));
    expect(replays).toEqual(Array.from({ length: 10 }, () => stored));
    // Four slots are left for new forms this hour.
    const more = await Promise.all(Array.from({ length: 6 }, () => app.invoke(cases.submit, form(), reporter)));
    expect(more.filter((reply) => reply.ok)).toHaveLength(4);
  });

  test('two identical forms sent at the same moment are one case and one slot', async () => {
    const reporter = 'o_abuse_double';
    const payload = form();
    const [a, b] = await Promise.all([app.call(cases.submit, payload, reporter), app.call(cases.submit, payload, reporter)]);
    expect(a).toEqual(b);
    const more = await Promise.all(Array.from({ length: 6 }, () => app.invoke(cases.submit, form(), reporter)));
    expect(more.filter((reply) => reply.ok)).toHaveLength(4);
  });
});

describe('receipt numbers under load', () => {
  test('fifty residents submitting at the same moment are all accepted, with fifty distinct consecutive receipt numbers', async () => {
    const started = Date.now();
    const timed = await Promise.all(
      Array.from({ length: 50 }, async (_unused, i) => {
        const t0 = Date.now();
        const reply = await app.invoke(cases.submit, form({ title: `路灯不亮 ${i}` }), `o_abuse_load_${i}`);
        return { reply, ms: Date.now() - t0 };
      }),
    );
    const refused = timed.filter(({ reply }) => !reply.ok).map(({ reply }) => reply);
    expect(refused).toEqual([]);
    const receipts = timed.map(({ reply }) => (reply.ok ? reply.data.receiptNo : ''));
    expect(new Set(receipts).size).toBe(50);
    const sequence = receipts.map((receipt) => Number(receipt.slice(-6))).sort((a, b) => a - b);
    expect(sequence[49] - sequence[0]).toBe(49);
    const sorted = timed.map(({ ms }) => ms).sort((a, b) => a - b);
    // Not an assertion on speed (machines differ): the figure for the report.
    console.log(`50 concurrent submits: p95 ${sorted[Math.ceil(0.95 * 50) - 1]} ms, all done in ${Date.now() - started} ms`);
  });
});

describe('texts WeChat holds for review', () => {
  const SCAM_REPORT = '最近有人在小区微信群里发刷单返利的消息，已经有两位老人被骗，希望社区提醒大家。';

  const heldIds = async (state: 'held' | 'released' | 'rejected' = 'held') =>
    (await app.call(cases.heldList, { orgId: 'org-donghu', state, limit: 50 }, ADMIN)).items.map((item) => item.id);

  test('a report about 刷单返利 scams is not refused: it waits for staff, hidden from everyone else, and a retry finds it', async () => {
    const reporter = 'o_abuse_scam_report';
    const payload = form({ title: '提醒防范刷单诈骗', content: SCAM_REPORT });
    const answer = await app.call(cases.submit, payload, reporter);
    expect(answer).toEqual({ id: expect.any(String), receiptNo: '', held: true });
    expect(await app.call(cases.submit, payload, reporter)).toEqual(answer);
    // Not a case yet: nobody can open it, and no staff list shows it as a case.
    expect((await app.invoke(cases.get, { id: answer.id }, DEPUTY)).ok).toBe(false);
    expect((await app.call(cases.adminList, { orgId: 'org-donghu', limit: 50 }, ADMIN)).items.map((item) => item.id)).not.toContain(answer.id);
    // Staff in scope see the held text with the reason in plain words, and nothing that identifies the reporter.
    const { items } = await app.call(cases.heldList, { orgId: 'org-donghu', limit: 50 }, ADMIN);
    const item = items.find((each) => each.id === answer.id);
    expect(item).toMatchObject({ title: '提醒防范刷单诈骗', content: SCAM_REPORT, reason: '像是诈骗信息', state: 'held', studioName: '东湖街道党代表工作室' });
    expect(JSON.stringify(items)).not.toContain(reporter);
    expect(JSON.stringify(items)).not.toContain('13812345678');
  });

  test('released by staff, it becomes a normal case with a receipt number, and the reporter is told', async () => {
    const reporter = 'o_abuse_released';
    const { id } = await app.call(cases.submit, form({ title: '刷单返利骗局', content: SCAM_REPORT }), reporter);
    const released = await app.call(cases.heldRelease, { id }, ADMIN);
    expect(released).toEqual({ id, receiptNo: expect.stringMatching(/^LS-2026-\d{6}$/) });
    expect(await app.call(cases.heldRelease, { id }, ADMIN)).toEqual(released);
    expect((await app.call(cases.mine, { limit: 50 }, reporter)).items).toEqual([expect.objectContaining({ id, receiptNo: released.receiptNo, state: 'submitted' })]);
    expect(await heldIds()).not.toContain(id);
    expect(await heldIds('released')).toContain(id);
    const { items } = await app.call(inbox.list, { limit: 50 }, reporter);
    expect(items).toEqual([expect.objectContaining({ title: '您的意见已通过审核', body: expect.stringContaining(released.receiptNo) })]);
  });

  test('rejected with a reason, it never becomes a case; the reporter is told why and how else to be heard', async () => {
    const reporter = 'o_abuse_rejected';
    const { id } = await app.call(cases.submit, form({ title: '刷单返利', content: '刷单返利，日赚三百，加我' }), reporter);
    expect(await app.call(cases.heldReject, { id, reason: '内容是广告，不是社区事务' }, ADMIN)).toEqual({ id, state: 'rejected' });
    expect(await app.invoke(cases.heldRelease, { id }, ADMIN)).toMatchObject({ ok: false, error: { code: 'HELD.ALREADY_DECIDED' } });
    expect((await app.call(cases.mine, { limit: 50 }, reporter)).items).toEqual([]);
    const { items } = await app.call(inbox.list, { limit: 50 }, reporter);
    expect(items).toEqual([expect.objectContaining({ title: '您的意见未通过审核', body: expect.stringContaining('内容是广告，不是社区事务') })]);
    expect(items[0].body).toContain('027-86881234');
  });

  test('a release and a reject at the same moment: exactly one decides', async () => {
    const { id } = await app.call(cases.submit, form({ content: SCAM_REPORT }), 'o_abuse_decide_race');
    const [release, reject] = await Promise.all([
      app.invoke(cases.heldRelease, { id }, ADMIN),
      app.invoke(cases.heldReject, { id, reason: '重复' }, DISTRICT_ADMIN),
    ]);
    expect([release.ok, reject.ok].filter(Boolean)).toHaveLength(1);
    const mine = (await app.call(cases.mine, { limit: 50 }, 'o_abuse_decide_race')).items;
    expect(mine).toHaveLength(release.ok ? 1 : 0);
  });

  test('risky text is refused saying which field, why in plain words, and where else to go; nothing is kept', async () => {
    const reporter = 'o_abuse_risky';
    const reply = await app.invoke(cases.submit, form({ title: '小区门口有人发小广告', content: '门口贴满了代开发票的小广告，很难清理' }), reporter);
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'CONTENT.RISKY',
        details: { fields: { content: expect.stringContaining('像是诈骗信息') }, reason: '像是诈骗信息', keyword: '代开发票' },
      },
    });
    const message = reply.ok ? '' : reply.error.message;
    expect(message).toContain('内容里“代开发票”等字眼像是诈骗信息，请换一种说法');
    expect(message).toContain('东湖街道党代表工作室（027-86881234）');
    expect(message).toContain('流动服务点');
    expect((await app.call(cases.mine, { limit: 50 }, reporter)).items).toEqual([]);
    expect(JSON.stringify(await app.call(cases.heldList, { orgId: 'org-donghu', limit: 50 }, ADMIN))).not.toContain('代开发票');
  });
});
