/**
 * subscribeMessage.send made slow and unreliable on purpose: a configurable latency (spent concurrently by concurrent
 * sends) and injected failures (43101, 45009, -1), scripted per call or drawn from a seeded share.
 */
import { startTestCloud, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());
afterEach(() => {
  cloud.emulator.openapi.configureSend({ latencyMs: 0, shares: {}, seed: 1 });
});

interface OpenApi {
  subscribeMessage: { send(params: object): Promise<{ errCode: number }> };
}
const openapi = (): OpenApi => cloud.sdk.openapi as unknown as OpenApi;
const TEMPLATE = 'tmpl_faults';
const send = (touser: string): Promise<number> =>
  openapi()
    .subscribeMessage.send({ touser, templateId: TEMPLATE, page: 'pages/me/index', data: { thing1: { value: '通知' } } })
    .then((reply) => reply.errCode, (error: { errCode: number }) => error.errCode);

test('twenty sends at 100 ms latency each, sent at once, finish together rather than one after another', async () => {
  cloud.emulator.openapi.configureSend({ latencyMs: 100 });
  const users = Array.from({ length: 20 }, (_, index) => `o_latency_${index}`);
  for (const openid of users) await cloud.emulator.openapi.grantCredits(openid, [TEMPLATE]);
  const started = Date.now();
  expect(await Promise.all(users.map(send))).toEqual(users.map(() => 0));
  const took = Date.now() - started;
  expect(took).toBeGreaterThanOrEqual(100);
  // One after another would be 2,000 ms.
  expect(took).toBeLessThan(1_000);
});

test('scripted failures hit the next sends in order (per openid when named), spend no credit and are recorded', async () => {
  await cloud.emulator.openapi.grantCredits('o_scripted', [TEMPLATE], 3);
  cloud.emulator.openapi.scriptSendErrors([{ openid: 'o_scripted', errcode: 45009 }, { errcode: -1 }]);
  expect(await send('o_scripted')).toBe(45009);
  expect(await send('o_scripted')).toBe(-1);
  expect(await send('o_scripted')).toBe(0);
  expect(cloud.emulator.openapi.credits('o_scripted')).toEqual({ [TEMPLATE]: 2 });
  expect(cloud.emulator.openapi.outbox({ openid: 'o_scripted' }).map((entry) => entry.result.errcode)).toEqual([45009, -1, 0]);
});

test('a seeded share of errors fails the same sends every time, near the share asked for', async () => {
  const run = async (prefix: string): Promise<number[]> => {
    cloud.emulator.openapi.configureSend({ shares: { '43101': 0.2, '45009': 0.1, '-1': 0.1 }, seed: 42 });
    const users = Array.from({ length: 200 }, (_, index) => `${prefix}_${index}`);
    for (const openid of users) await cloud.emulator.openapi.grantCredits(openid, [TEMPLATE]);
    const codes: number[] = [];
    for (const openid of users) codes.push(await send(openid));
    return codes;
  };
  const first = await run('o_share_a');
  expect(await run('o_share_b')).toEqual(first);
  const failed = first.filter((code) => code !== 0).length;
  expect(failed).toBeGreaterThan(50);
  expect(failed).toBeLessThan(110);
  expect(new Set(first)).toEqual(new Set([0, 43101, 45009, -1]));
});

test('POST /_emulator/send-faults sets latency, shares and a script; a bad share is refused with the reason', async () => {
  const post = (body: object) =>
    fetch(`${cloud.emulator.url}/_emulator/send-faults`, { method: 'POST', headers: { ...cloud.emulator.toolHeaders(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ok = await post({ latencyMs: 5, shares: { '45009': 0.5 }, seed: 7, script: [{ openid: 'o_route', errcode: 43101 }] });
  expect(await ok.json()).toEqual({ latencyMs: 5, shares: { '45009': 0.5 }, seed: 7 });
  await cloud.emulator.openapi.grantCredits('o_route', [TEMPLATE]);
  expect(await send('o_route')).toBe(43101);
  const bad = await post({ shares: { '40001': 0.5 } });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { message: string }).message).toContain('40001');
});
