/**
 * Identity cookies end on the server: 30 days (here one minute) without use and the cookie is refused whatever the
 * browser keeps; use after a day (here a second) renews it; a signed-out cookie stays refused after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '../../emulator/gateway';
import { startEmulator, type Emulator } from '../../emulator/server';

const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-session-'));
let clock = Date.UTC(2026, 10, 30, 2, 0, 0);
const started: Emulator[] = [];

async function gatewayOn(): Promise<string> {
  const emulator = await startEmulator({});
  started.push(emulator);
  emulator.use(
    createGateway({
      invoke: async (_name, _event, context) => ({ ok: true, data: { openid: context.OPENID } }),
      grantCredits: () => undefined,
      staticDir: null,
      dev: true,
      personas: [{ key: 'admin', openid: 'o_demo_admin', label: '街道管理员', description: '' }],
      secret: 'a-fixed-secret-for-this-test',
      revocationsFile: join(dataDir, 'gateway-revoked.json'),
      functions: ['system'],
      now: () => clock,
      sessionMaxAgeMs: 60_000,
      sessionRenewAfterMs: 1_000,
    }),
  );
  return `${emulator.url}/`;
}

async function post(base: string, path: string, cookie = ''): Promise<{ status: number; cookie: string }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{"action":"whoami"}' });
  await response.text();
  return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}

afterAll(async () => {
  for (const emulator of started) await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a cookie unused for longer than its lifetime is refused by the server, whatever the browser still sends', async () => {
  const base = await gatewayOn();
  const { cookie } = await post(base, 'api/_wx/login');
  expect((await post(base, 'api/system', cookie)).status).toBe(200);
  clock += 61_000;
  expect((await post(base, 'api/system', cookie)).status).toBe(401);
});

test('use renews an older cookie, so someone who keeps using the app keeps their identity', async () => {
  const base = await gatewayOn();
  const first = (await post(base, 'api/_wx/login')).cookie;
  clock += 30_000;
  const renewed = (await post(base, 'api/system', first)).cookie;
  expect(renewed).toMatch(/^lx_openid=o_local_/);
  expect(renewed.split('.')[0]).toBe(first.split('.')[0]);
  clock += 45_000;
  expect((await post(base, 'api/system', first)).status).toBe(401);
  expect((await post(base, 'api/system', renewed)).status).toBe(200);
});

test('a signed-out cookie stays refused after the local cloud restarts', async () => {
  const base = await gatewayOn();
  const signIn = await fetch(`${base}api/_dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"persona":"admin"}' });
  const admin = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await post(base, 'api/system', admin)).status).toBe(200);
  expect((await post(base, 'api/_dev/sign-out', admin)).status).toBe(200);
  const restarted = await gatewayOn();
  expect((await post(restarted, 'api/system', admin)).status).toBe(401);
});
