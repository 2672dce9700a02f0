/**
 * Abuse and load on the 意见征询 submit path: a client forging the 限时办结 timer, the 5-per-hour limit under
 * concurrency, receipt numbers when many residents submit at once, and texts WeChat's check holds for review.
 */
import { cases } from '../../src/shared/contracts';
import { database } from '../../cloudfunctions/src/infra/database';
import type { AppCloud } from '../support/app';
import { ADMIN, DEPUTY, assigned, cn, startClockedCloud } from './cases-support';

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
    expect(anonymous).toMatchObject({ status: 200, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
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
