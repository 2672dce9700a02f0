import { system } from '../../src/shared/contracts';
import { startAppCloud, type AppCloud } from '../support/app';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

test("system.whoami returns the caller's identity from the WeChat context", async () => {
  expect(await app.call(system.whoami, {}, 'oResident1')).toMatchObject({ openid: 'oResident1' });
});

test('system.whoami ignores a forged openid in the payload', async () => {
  expect(await app.call(system.whoami, { openid: 'oAdmin', OPENID: 'oAdmin' }, 'oResident2')).toMatchObject({ openid: 'oResident2' });
});

test('system.ping reports the environment and the server time', async () => {
  const reply = await app.call(system.ping, {}, 'oAny');
  expect(reply.env).toBe(app.stack.emulator.envId);
  expect(Number.isNaN(Date.parse(reply.serverTime))).toBe(false);
});

test('an unknown system action comes back as the ACTION.UNKNOWN envelope through the runner', async () => {
  const runner = app.stack.emulator.runner;
  expect(await runner?.invoke('system', { action: 'reboot' }, { OPENID: 'oAny' })).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
});

test('a call without a WeChat user behind it is refused', async () => {
  expect(await app.stack.emulator.runner?.invoke('system', { action: 'whoami' }, {})).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
});
