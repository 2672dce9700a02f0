/**
 * Abuse and load on the 意见征询 submit path: a client forging the 限时办结 timer, the 5-per-hour limit under
 * concurrency, receipt numbers when many residents submit at once, and texts WeChat's check holds for review.
 */
import { cases } from '../../src/shared/contracts';
import { database } from '../../cloudfunctions/src/infra/database';
import type { AppCloud } from '../support/app';
import { ADMIN, DEPUTY, assigned, cn, form, startClockedCloud } from './cases-support';

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
