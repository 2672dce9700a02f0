import { join } from 'node:path';
import { settle } from '../../cloud/src/infra/cloud';
import type { CallerContext } from '../../emulator/protocol';
import type { FunctionRunner } from '../../emulator/runner';
import { startTestCloud, type TestCloud } from '../support/cloud';

const FIXTURES = join(__dirname, '../fixtures/functions');

interface ContextReport {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  inner: ContextReport | null;
  event: Record<string, unknown>;
  threadId: number;
  triggerSrc: string | null;
}

let cloud: TestCloud;
let runner: FunctionRunner;

beforeAll(async () => {
  cloud = await startTestCloud({ functions: { root: FIXTURES, maxInstancesPerFunction: 20 } });
  if (!cloud.emulator.runner) throw new Error('runner missing');
  runner = cloud.emulator.runner;
});
afterAll(() => cloud.close());

const report = (value: unknown): ContextReport => value as ContextReport;

describe('identity isolation', () => {
  /** Invokes `context` concurrently for each openid, each one calling `context` again through the emulator. */
  async function concurrently(openids: string[]): Promise<{ reports: ContextReport[]; resolved: string[] }> {
    const resolved: string[] = [];
    const resolve = cloud.emulator.registry.resolve.bind(cloud.emulator.registry);
    const spy = jest.spyOn(cloud.emulator.registry, 'resolve').mockImplementation((token: unknown): CallerContext | null => {
      const caller = resolve(token);
      if (caller) resolved.push(`${caller.functionName}:${caller.OPENID}`);
      return caller;
    });
    try {
      const results = await Promise.all(
        openids.map((OPENID) => runner.invoke('context', { via: 'whoami' }, { OPENID, source: 'wx_client' })),
      );
      return { reports: results.map(report), resolved };
    } finally {
      spy.mockRestore();
    }
  }

  test('two concurrent invocations with different OPENIDs each see only their own identity, before and after an /admin round trip', async () => {
    const { reports, resolved } = await concurrently(['oAlice', 'oBob']);
    expect(reports.map((r) => [r.before.OPENID, r.after.OPENID])).toEqual([
      ['oAlice', 'oAlice'],
      ['oBob', 'oBob'],
    ]);
    expect(reports[0].threadId).not.toBe(reports[1].threadId);
    // The emulator resolved each /admin call's token to the caller that made it.
    expect(resolved.sort()).toEqual(['context:oAlice', 'context:oBob']);
  });

  test('twenty concurrent invocations never see each other\'s identity, and the emulator attributes every /admin call correctly', async () => {
    const openids = Array.from({ length: 20 }, (_, i) => `oUser${String(i).padStart(2, '0')}`);
    const { reports, resolved } = await concurrently(openids);
    reports.forEach((r, i) => {
      expect(r.before.OPENID).toBe(openids[i]);
      expect(r.after.OPENID).toBe(openids[i]);
      // The called function got the caller's identity from the emulator's token lookup, not from the event.
      expect(r.inner?.before.OPENID).toBe(openids[i]);
      expect(r.inner?.event).toEqual({ from: 'context' });
    });
    expect(resolved.sort()).toEqual(openids.map((o) => `context:${o}`));
  });

  test('a warm instance reused by another user does not keep the previous user\'s identity', async () => {
    const first = report(await runner.invoke('context', {}, { OPENID: 'oFirst', UNIONID: 'uFirst' }));
    const second = report(await runner.invoke('context', {}, { OPENID: 'oSecond' }));
    expect(second.threadId).toBe(first.threadId);
    expect(first.before.UNIONID).toBe('uFirst');
    expect(second.before).toEqual(expect.objectContaining({ OPENID: 'oSecond' }));
    expect(second.before).not.toHaveProperty('UNIONID');
  });

  test('an invocation from the mini-program gets event.userInfo as production adds it, alongside getWXContext()', async () => {
    const r = report(await runner.invoke('context', { a: 1 }, { OPENID: 'oMini', APPID: 'wxapp1', source: 'wx_client' }));
    expect(r.event).toEqual({ a: 1, userInfo: { appId: 'wxapp1', openId: 'oMini' } });
    expect(r.before).toEqual(expect.objectContaining({ OPENID: 'oMini', APPID: 'wxapp1', ENV: cloud.emulator.envId }));
  });
});

describe('failures look like production', () => {
  test('a function that runs past its timeout fails with -504003 "Invoking task timed out" and its instance is replaced', async () => {
    const warm = report(await runner.invoke('hang', { quick: true }));
    const before = runner.stats('hang');
    await expect(runner.invoke('hang', {})).rejects.toMatchObject({
      errCode: -504003,
      errMsg: 'errCode: -504003  | errMsg: Invoking task timed out after 0.3 seconds',
    });
    expect(runner.stats('hang').terminated).toBe(before.terminated + 1);
    const fresh = report(await runner.invoke('hang', { quick: true }));
    expect(fresh.threadId).not.toBe(warm.threadId);
    expect(runner.stats('hang').started).toBe(before.started + 1);
  });

  test('a function stuck in a busy loop is killed at its timeout too', async () => {
    await expect(runner.invoke('hang', { spin: true })).rejects.toMatchObject({ errCode: -504003 });
    await expect(runner.invoke('hang', { quick: true })).resolves.toHaveProperty('threadId');
  });

  test('a function that throws fails with -504002 "functions execute fail" carrying the error, without its stack', async () => {
    const failure = runner.invoke('boom', {});
    await expect(failure).rejects.toMatchObject({
      errCode: -504002,
      errMsg: 'errCode: -504002 functions execute fail | errMsg: TypeError: 签到记录不存在 (boom)',
    });
    await expect(failure).rejects.not.toMatchObject({ errMsg: expect.stringContaining('index.js') });
  });

  test('an unknown function fails with -501000 "FunctionName parameter could not be found"', async () => {
    await expect(runner.invoke('doesNotExist', {})).rejects.toMatchObject({
      errCode: -501000,
      errMsg: expect.stringContaining('FunctionName parameter could not be found'),
    });
    await expect(runner.invoke('../boom', {})).rejects.toMatchObject({ errCode: -501000 });
  });
});

describe('cloud.callFunction through the emulator', () => {
  test('the real SDK in the test process calls a function and gets its return value as result', async () => {
    const reply = await settle(cloud.sdk.callFunction({ name: 'context', data: { hello: '连心' } }));
    const r = report(reply.result);
    expect(reply.errMsg).toBe('callFunction:ok');
    expect(r.event).toEqual({ hello: '连心' });
    // A plain SDK program has no WeChat user behind it.
    expect(r.before).not.toHaveProperty('OPENID');
  });

  test('a function calling another passes on its caller\'s WeChat context', async () => {
    const r = report(await runner.invoke('context', { via: 'whoami' }, { OPENID: 'oCaller', APPID: 'wxapp1' }));
    expect(r.inner?.before).toEqual(expect.objectContaining({ OPENID: 'oCaller', APPID: 'wxapp1', SOURCE: 'function' }));
  });

  test('calling a function that throws rejects with the execute-fail message', async () => {
    await expect(settle(cloud.sdk.callFunction({ name: 'boom', data: {} }))).rejects.toMatchObject({
      errMsg: expect.stringMatching(/^callFunction:fail errCode: -504002 functions execute fail \| errMsg: TypeError: 签到记录不存在/),
    });
  });

  test('calling an unknown function rejects with the not-found message', async () => {
    await expect(settle(cloud.sdk.callFunction({ name: 'nope', data: {} }))).rejects.toMatchObject({
      errMsg: expect.stringContaining('FunctionName parameter could not be found'),
    });
  });
});

describe('timer triggers and the invocation log', () => {
  test('firing a timer trigger sends production\'s Timer event, with TRIGGER_SRC=timer and no user', async () => {
    const r = (await runner.fireTrigger('tick', new Date('2027-02-06T01:00:00.000Z'))) as {
      event: unknown;
      wx: Record<string, unknown>;
      triggerSrc: string;
    };
    expect(r.event).toEqual({ Type: 'Timer', TriggerName: 'morningReminder', Time: '2027-02-06T01:00:00Z', Message: '' });
    expect(r.triggerSrc).toBe('timer');
    expect(r.wx).not.toHaveProperty('OPENID');
    expect(r.wx).toEqual(expect.objectContaining({ ENV: cloud.emulator.envId, SOURCE: 'timer' }));
  });

  test('a function without a timer trigger cannot be fired', async () => {
    await expect(runner.fireTrigger('boom')).rejects.toThrow('没有定时触发器');
  });

  test('every invocation is recorded with its function, OPENID, source, duration and outcome', async () => {
    await runner.invoke('context', {}, { OPENID: 'oLogged', source: 'wx_client' });
    await runner.invoke('boom', {}, { OPENID: 'oLogged' }).catch(() => undefined);
    const last = runner.invocations().slice(-2);
    expect(last).toEqual([
      expect.objectContaining({ name: 'context', OPENID: 'oLogged', source: 'wx_client', ok: true }),
      expect.objectContaining({ name: 'boom', OPENID: 'oLogged', ok: false, errCode: -504002 }),
    ]);
    expect(last[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  test('the deployed function names are listed', () => {
    expect(runner.functionNames()).toEqual(['boom', 'context', 'hang', 'runtime', 'tick', 'whoami']);
  });
});

describe('the SCF runtime', () => {
  test('a function runs with the variables SCF sets, so the SDK knows it is in SCF and skips its off-cloud metadata probe', async () => {
    await cloud.sdk.database().createCollection('runtime_writes');
    const r = await runner.invoke('runtime', { writes: 3, collection: 'runtime_writes' });
    expect(r).toMatchObject({ runEnvTag: 'scf', runEnv: 'SCF', namespace: cloud.emulator.envId, region: 'ap-shanghai', writes: 3 });
    expect((await cloud.sdk.database().collection('runtime_writes').count()) as { total: number }).toMatchObject({ total: 3 });
  });
});
