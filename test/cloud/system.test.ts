import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildCloudFunctions } from '../../scripts/build-cloud';
import type { FunctionRunner } from '../../emulator/runner';
import { startTestCloud, type TestCloud } from '../support/cloud';

let outDir: string;
let cloud: TestCloud;
let runner: FunctionRunner;

beforeAll(async () => {
  const cache = join(__dirname, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'lianxin-system-'));
  await buildCloudFunctions({ outDir, log: () => undefined });
  cloud = await startTestCloud({ functions: { root: outDir } });
  if (!cloud.emulator.runner) throw new Error('runner missing');
  runner = cloud.emulator.runner;
});
afterAll(async () => {
  await cloud.close();
  rmSync(outDir, { recursive: true, force: true });
});

test('system.whoami returns the caller\'s identity from the WeChat context', async () => {
  const reply = await runner.invoke('system', { action: 'whoami' }, { OPENID: 'oResident1', APPID: 'wxapp1', UNIONID: 'uRes1' });
  expect(reply).toEqual({ ok: true, data: { openid: 'oResident1', appid: 'wxapp1', unionid: 'uRes1' } });
});

test('system.whoami ignores a forged openid in the payload', async () => {
  const reply = await runner.invoke('system', { action: 'whoami', payload: { openid: 'oAdmin', OPENID: 'oAdmin' } }, { OPENID: 'oResident2' });
  expect(reply).toMatchObject({ ok: true, data: { openid: 'oResident2' } });
});

test('system.ping reports the environment and the server time', async () => {
  const reply = (await runner.invoke('system', { action: 'ping' }, { OPENID: 'oAny' })) as { ok: true; data: { env: string; serverTime: string } };
  expect(reply.ok).toBe(true);
  expect(reply.data.env).toBe(cloud.emulator.envId);
  expect(Number.isNaN(Date.parse(reply.data.serverTime))).toBe(false);
});

test('an unknown system action comes back as the ACTION.UNKNOWN envelope through the runner', async () => {
  expect(await runner.invoke('system', { action: 'reboot' }, { OPENID: 'oAny' })).toMatchObject({
    ok: false,
    error: { code: 'ACTION.UNKNOWN' },
  });
});
