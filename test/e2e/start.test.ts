/**
 * `npm start` as a person uses it: first start seeds the demo world and serves the app; Ctrl-C stops cleanly; the next
 * start on the same data folder keeps everything (data and sign-ins) and does not seed again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserFetch } from '../support/http';
import { startApp, type StartedApp } from '../support/start';
import { ORGS } from '../../scripts/local/demo-data';

let dataDir: string;
let app: StartedApp | null = null;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lianxin-start-'));
});
afterAll(async () => {
  if (app) await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A client that keeps its cookie, like one browser. */
function browserLike(baseUrl: string) {
  const fetchWithCookie = browserFetch();
  return async (path: string, body: unknown): Promise<{ status: number; json: { ok: boolean; data?: Record<string, unknown>; error?: { code: string } } }> => {
    const response = await fetchWithCookie(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as { ok: boolean; data?: Record<string, unknown> } };
  };
}

test('first start seeds the demo data, serves the H5 app at the printed URL, and a restart keeps data and sign-ins', async () => {
  app = await startApp(dataDir);
  expect(app.output()).toContain('已写入演示数据');
  expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  const page = await fetch(app.url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>连心</title>');

  const post = browserLike(app.url);
  expect((await post('api/_dev/sign-in', { persona: 'admin' })).json.ok).toBe(true);
  const me = await post('api/account', { action: 'me' });
  expect(me.json.data).toMatchObject({ roles: ['resident', 'admin'], name: '赵敏' });
  const tree = await post('api/account', { action: 'orgTree' });
  expect((tree.json.data?.nodes as unknown[]).length).toBe(ORGS.length);
  const credits = await post('api/inbox', { action: 'recordSubscription', payload: { accepted: ['tmpl-todo'] } });
  expect(credits.json.data).toEqual({ credits: { 'tmpl-todo': 1 } });

  expect(await app.stop()).toBe(0);
  app = null;

  app = await startApp(dataDir);
  expect(app.output()).toContain('沿用已有数据');
  const again = browserLike(app.url);
  expect((await again('api/_dev/sign-in', { persona: 'admin' })).json.ok).toBe(true);
  const more = await again('api/inbox', { action: 'recordSubscription', payload: { accepted: ['tmpl-todo'] } });
  expect(more.json.data).toEqual({ credits: { 'tmpl-todo': 2 } });
  const tree2 = await again('api/account', { action: 'orgTree' });
  expect((tree2.json.data?.nodes as unknown[]).length).toBe(ORGS.length);
});
