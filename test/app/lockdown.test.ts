/**
 * The local cloud locked down (issue 13, item 3), tried from outside against the real stack `npm start` runs, on a
 * free port: the raw database protocol only for signed SDK calls, tool routes only with this run's key, nothing a web
 * page elsewhere can send, bounded bodies and body time, the envelope for every malformed request, a capped worker
 * pool, and no `users` document for a caller whose calls were all refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@cloudbase/signature-nodejs';
import * as wxCloud from 'wx-server-sdk';
import { sdkEnvironment } from '../../emulator/sdk-environment';
import { account, cases, system } from '../../src/shared/contracts';
import { runMode, timersOnSchedule } from '../../scripts/local/mode';
import { postSignedAdmin } from '../support/admin';
import { startAppCloud, type AppCloud } from '../support/app';

let app: AppCloud;
let base: string;
let port: number;
const pages = mkdtempSync(join(tmpdir(), 'lianxin-lockdown-h5-'));
writeFileSync(join(pages, 'index.html'), '<!doctype html><title>连心</title>');

beforeAll(async () => {
  // Short client deadlines so the slow-body test stays short (production defaults: 10 s headers, 30 s request).
  app = await startAppCloud({ dev: true, staticDir: pages, headersTimeoutMs: 800, requestTimeoutMs: 800 });
  base = app.stack.url;
  port = app.stack.emulator.port;
}, 120_000);
afterAll(async () => {
  await app.close();
  rmSync(pages, { recursive: true, force: true });
});

interface Exchange {
  /** Everything the server sent. */
  text: string;
  /** Whether the server closed the connection within `waitMs`. */
  closed: boolean;
  /** Milliseconds from the first byte sent to the close (or to giving up). */
  afterMs: number;
}

/** Opens a raw TCP connection, sends `head` (and `body`), and waits at most `waitMs` for the server to close it. */
function exchange(head: string, body: Buffer | string = '', waitMs = 3_000, trickle?: { bytes: number; everyMs: number }): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    let dripper: NodeJS.Timeout | undefined;
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      clearInterval(dripper);
      socket.destroy();
      resolve({ text, closed, afterMs: Date.now() - started });
    };
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write(head);
      if (body.length) socket.write(body);
      if (trickle) {
        let sent = 0;
        dripper = setInterval(() => {
          if (sent++ < trickle.bytes && !socket.destroyed) socket.write('x');
        }, trickle.everyMs);
      }
      timer = setTimeout(() => finish(false), waitMs);
    });
  });
}

async function post(path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; cookie: string; headers: Headers }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown>, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], headers: response.headers };
}

async function login(): Promise<string> {
  return (await post('api/_wx/login', '')).cookie;
}

async function userCount(): Promise<number> {
  const admin = await postSignedAdmin(app.stack.emulator.adminUrl, { action: 'database.calculateDocument', collectionName: 'users', queryType: 'WHERE', query: '{}' });
  return ((await admin.json()) as { data: { total: number } }).data.total;
}

const makeMeAdmin = {
  action: 'database.modifyDocument',
  collectionName: 'users',
  queryType: 'WHERE',
  query: JSON.stringify({ _id: 'o_demo_resident' }),
  data: JSON.stringify({ $set: { admin: { orgIds: ['district'], name: 'x' } } }),
  multi: false,
  merge: true,
};

describe('/admin answers only calls signed with this run\'s key', () => {
  it('an unsigned call — what any web page or local process could send — is refused and changes nothing', async () => {
    const reply = await fetch(app.stack.emulator.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeMeAdmin) });
    expect(await reply.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
    const me = await app.call(account.me, {}, 'o_demo_resident');
    expect(me.roles).toEqual(['resident']);
  });

  it('a text/plain body (a blind cross-site POST) is refused before anything is read', async () => {
    const reply = await fetch(app.stack.emulator.adminUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(makeMeAdmin) });
    expect(reply.status).toBe(415);
    expect(await reply.json()).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('a call signed with another key is refused; a page naming an Origin or another Host is refused even when signed', async () => {
    const forged = await postSignedAdmin(app.stack.emulator.adminUrl, makeMeAdmin, { secretId: app.stack.emulator.credentials.secretId, secretKey: 'guessed' });
    expect(await forged.json()).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('签名不对') });
    const timestamp = Math.floor(Date.now() / 1000);
    for (const extra of [{ origin: 'http://evil.example' }, { host: 'evil.example' }]) {
      // A DNS-rebound page reaches 127.0.0.1 under its own name: the signature would even cover that Host.
      const host = extra.host ?? `127.0.0.1:${port}`;
      const url = `http://${host}/admin?env=lianxin-local`;
      const headers = { 'content-type': 'application/json', host };
      const { authorization } = sign({ ...app.stack.emulator.credentials, method: 'post', url, headers, params: makeMeAdmin, timestamp, withSignedParams: true });
      const head = [`POST /admin?env=lianxin-local HTTP/1.1`, `Host: ${headers.host}`, 'Content-Type: application/json', `Authorization: ${authorization}`, `X-Timestamp: ${timestamp}`];
      if (extra.origin) head.push(`Origin: ${extra.origin}`);
      const body = JSON.stringify(makeMeAdmin);
      const answer = await exchange(`${head.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`, body);
      expect(answer.text).toMatch(/^HTTP\/1\.1 403/);
    }
    expect((await app.call(account.me, {}, 'o_demo_resident')).roles).toEqual(['resident']);
  });

  it('a body over 5 MB is refused from its length, and the connection is closed, not left hanging', async () => {
    const answer = await exchange(`POST /admin HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${30 * 1024 * 1024}\r\n\r\n`, '{"action":"x"', 2_000);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.text.toLowerCase()).toContain('connection: close');
    expect(answer.closed).toBe(true);
  });
});

describe('/_emulator/* tool routes need this run\'s key', () => {
  it('a browser cannot grant itself subscription credits; the key holder can', async () => {
    const body = JSON.stringify({ openid: 'o_demo_member', accepted: ['tmpl-notice'] });
    const browser = await fetch(`${base}_emulator/subscribe`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(browser.status).toBe(401);
    const outsider = await fetch(`${base}_emulator/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(outsider.status).toBe(401);
    expect(app.stack.emulator.openapi.credits('o_demo_member')).toEqual({});
    const tool = await fetch(`${base}_emulator/subscribe`, { method: 'POST', headers: { ...app.stack.emulator.toolHeaders(), 'content-type': 'application/json' }, body });
    expect(tool.status).toBe(200);
    expect(app.stack.emulator.openapi.credits('o_demo_member')).toEqual({ 'tmpl-notice': 1 });
  });

  it('the outbox (who was sent what) is not readable without the key', async () => {
    expect((await fetch(`${base}_emulator/outbox`)).status).toBe(401);
    expect((await fetch(`${base}_emulator/outbox`, { headers: app.stack.emulator.toolHeaders() })).status).toBe(200);
  });
});

describe('nothing a web page elsewhere can send gets through the gateway', () => {
  it('a cross-site persona sign-in (text/plain form post from another origin) is refused; so is same-site text/plain', async () => {
    const crossSite = await post('api/_dev/sign-in', '{"persona":"district"}', { 'content-type': 'text/plain', origin: 'http://evil.example' });
    expect(crossSite).toMatchObject({ status: 403, json: { ok: false, error: { code: 'AUTH.CROSS_SITE' } }, cookie: '' });
    const plain = await post('api/_dev/sign-in', '{"persona":"district"}', { 'content-type': 'text/plain' });
    expect(plain).toMatchObject({ status: 415, json: { ok: false, error: { code: 'INPUT.INVALID' } }, cookie: '' });
    const sameSite = await post('api/_dev/sign-in', '{"persona":"district"}', { origin: base.replace(/\/$/, '') });
    expect(sameSite.status).toBe(200);
  });

  it('a cross-site call of a cloud function with the user\'s cookie is refused', async () => {
    const cookie = (await post('api/_dev/sign-in', '{"persona":"admin"}')).cookie;
    const reply = await post('api/account', '{"action":"me"}', { cookie, origin: 'http://evil.example' });
    expect(reply).toMatchObject({ status: 403, json: { ok: false, error: { code: 'AUTH.CROSS_SITE' } } });
  });
});

describe('signing out ends the session on the server', () => {
  it('the cookie a browser had before signing out is refused afterwards, even if someone kept a copy', async () => {
    const cookie = (await post('api/_dev/sign-in', '{"persona":"deputy"}')).cookie;
    expect((await post('api/system', '{"action":"whoami"}', { cookie })).status).toBe(200);
    expect((await post('api/_dev/sign-out', '{}', { cookie })).status).toBe(200);
    expect(await post('api/system', '{"action":"whoami"}', { cookie })).toMatchObject({ status: 401, json: { error: { code: 'AUTH.LOGIN_REQUIRED' } } });
  });

  it('npm start is dev mode; --production, LIANXIN_MODE=production and NODE_ENV=production are the production-like mode', () => {
    expect(runMode({}, [])).toBe('dev');
    expect(runMode({}, ['--production'])).toBe('production');
    expect(runMode({ LIANXIN_MODE: 'production' }, [])).toBe('production');
    expect(runMode({ NODE_ENV: 'production' }, [])).toBe('production');
    expect(runMode({ NODE_ENV: 'production', LIANXIN_MODE: 'dev' }, [])).toBe('dev');
    expect(() => runMode({ LIANXIN_MODE: 'prod' }, [])).toThrow(/LIANXIN_MODE/);
  });

  it('timers run on their schedule unless LIANXIN_TIMERS=manual leaves them to the dev route (browser tests)', () => {
    expect(timersOnSchedule({})).toBe(true);
    expect(timersOnSchedule({ LIANXIN_TIMERS: 'schedule' })).toBe(true);
    expect(timersOnSchedule({ LIANXIN_TIMERS: 'manual' })).toBe(false);
    expect(() => timersOnSchedule({ LIANXIN_TIMERS: 'off' })).toThrow(/LIANXIN_TIMERS/);
  });
});

describe('bounded bodies and body time', () => {
  it('after a 413 for an oversized body the kept-alive connection is closed at once, not hung', async () => {
    const cookie = await login();
    const answer = await exchange(
      `POST /api/_wx/temp-urls HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`,
      Buffer.alloc(64 * 1024, 0x20),
    );
    expect(answer.text).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.text.toLowerCase()).toContain('connection: close');
    expect(answer.text).toContain('"ok":false');
    expect(answer.closed).toBe(true);
    expect(answer.afterMs).toBeLessThan(1_500);
  });

  it('an unauthorised upload is refused before its body is read: the answer comes while megabytes are still unsent', async () => {
    const answer = await exchange(
      `POST /api/_wx/upload?cloudPath=uploads/abcdefgh1234.jpg HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: image/jpeg\r\nContent-Length: ${20 * 1024 * 1024}\r\n\r\n`,
      Buffer.alloc(16 * 1024),
    );
    expect(answer.text).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.closed).toBe(true);
    expect(answer.afterMs).toBeLessThan(1_500);
  });

  it('an upload to storage without a grant is refused from its headers, before its body', async () => {
    const answer = await exchange(`PUT /_cos/upload/deadbeef HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${20 * 1024 * 1024}\r\n\r\n`, Buffer.alloc(16 * 1024));
    expect(answer.text).toMatch(/^HTTP\/1\.1 403/);
    expect(answer.closed).toBe(true);
    expect(answer.afterMs).toBeLessThan(1_500);
  });

  it('a body sent one byte at a time is cut off at the request deadline', async () => {
    const cookie = await login();
    const answer = await exchange(
      `POST /api/system HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
      '',
      4_000,
      { bytes: 1000, everyMs: 100 },
    );
    expect(answer.closed).toBe(true);
    expect(answer.afterMs).toBeLessThan(3_000);
  });
});

describe('every malformed request is answered with a structured error, never a bare 500', () => {
  it('{bad, null, GET /% and 6,000-level nesting each get a 4xx envelope', async () => {
    const cookie = await login();
    expect(await post('api/_dev/sign-in', '{bad')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
    expect(await post('api/_dev/sign-in', 'null')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
    expect(await post('api/_dev/timers/case', '[1]')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
    expect(await post('api/_wx/temp-urls', 'null', { cookie })).toMatchObject({ status: 400, json: { ok: false } });
    const deep = `{"action":"whoami","payload":${'['.repeat(6000)}${']'.repeat(6000)}}`;
    expect(await post('api/system', deep, { cookie })).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
    const percent = await exchange(`GET /% HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(percent.text).toMatch(/^HTTP\/1\.1 400/);
    expect(percent.text).toContain('{"ok":false,"error":{"code":"INPUT.INVALID"');
    expect(percent.closed).toBe(true);
  });
});

describe('/api/_wx/temp-urls signs only what the caller may see', () => {
  it('one\'s own upload while it exists; nothing for someone else\'s, a deleted one or a path never uploaded', async () => {
    const owner = await login();
    const other = await login();
    const upload = await fetch(`${base}api/_wx/upload?cloudPath=uploads/lockdown-photo-1.jpg`, { method: 'POST', headers: { cookie: owner, 'content-type': 'image/jpeg' }, body: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) });
    const { fileID } = ((await upload.json()) as { data: { fileID: string } }).data;
    const urls = async (cookie: string, ids: string[]): Promise<string[]> =>
      ((await post('api/_wx/temp-urls', JSON.stringify({ fileIDs: ids }), { cookie })).json.data as { fileList: Array<{ tempFileURL: string }> }).fileList.map((f) => f.tempFileURL);
    const never = fileID.replace('lockdown-photo-1', 'lockdown-photo-2');
    expect(await urls(owner, [fileID, never])).toEqual([expect.stringContaining('/_storage/uploads/lockdown-photo-1.jpg?'), '']);
    expect(await urls(other, [fileID])).toEqual(['']);
    Object.assign(process.env, sdkEnvironment(app.stack.emulator.adminUrl, app.stack.emulator.envId));
    wxCloud.init({ env: app.stack.emulator.envId });
    await wxCloud.deleteFile({ fileList: [fileID] });
    expect(await urls(owner, [fileID])).toEqual(['']);
  });
});

describe('the worker pool is capped', () => {
  it('40 concurrent calls by 40 different people across functions never run more than 8 workers at once', async () => {
    const runner = app.stack.emulator.runner;
    if (!runner) throw new Error('runner missing');
    const calls = Array.from({ length: 40 }, (_, i) => {
      const openid = `o_pool_${i}`;
      const pick = i % 4;
      if (pick === 0) return app.invoke(system.whoami, {}, openid);
      if (pick === 1) return app.invoke(account.orgTree, {}, openid);
      if (pick === 2) return app.invoke(cases.mine, { offset: 0, limit: 5 }, openid);
      return runner.invoke('inbox', { action: 'unreadCount', payload: {} }, { OPENID: openid, source: 'wx_client' });
    });
    const replies = await Promise.all(calls);
    expect(replies.every((reply) => (reply as { ok: boolean }).ok)).toBe(true);
    const workers = runner.workers();
    expect(workers.max).toBe(8);
    // The load reached the cap (so without one it would have gone past it), and never went beyond.
    expect(workers.peak).toBe(8);
    expect(workers.alive).toBeLessThanOrEqual(8);
    expect(workers.waiting).toBe(0);
  });
});

describe('refused calls store nobody', () => {
  it('200 refused calls from 200 new people (a role they lack, a bad payload) leave the users collection as it was', async () => {
    const before = await userCount();
    const refusals = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? app.invoke(account.grantRole, { code: 'ABCDEF', role: 'admin', scopeId: 'x' }, `o_knock_${i}`)
          : app.invoke(cases.mine, { offset: -1, limit: 'many' }, `o_knock_${i}`),
      ),
    );
    expect(refusals.every((reply) => !reply.ok)).toBe(true);
    expect(await userCount()).toBe(before);
  });

  it('through the gateway: 100 calls without a cookie get the login envelope, 100 fresh browsers whose first call is refused store nobody', async () => {
    const before = await userCount();
    const cookieless = await Promise.all(Array.from({ length: 100 }, () => post('api/account', JSON.stringify({ action: 'me', payload: {} }))));
    expect(cookieless.every((reply) => reply.status === 401 && (reply.json.error as { code?: string })?.code === 'AUTH.LOGIN_REQUIRED')).toBe(true);
    const knocks = await Promise.all(
      Array.from({ length: 100 }, async () => post('api/case', JSON.stringify({ action: 'mine', payload: { offset: -1, limit: 'many' } }), { cookie: await login() })),
    );
    expect(knocks.every((reply) => reply.json.ok === false)).toBe(true);
    expect(await userCount()).toBe(before);
  });

  it('a first accepted call does store the caller (a resident needs a code staff can grant roles to)', async () => {
    const before = await userCount();
    const me = await app.call(account.me, {}, 'o_first_visit');
    expect(me.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await userCount()).toBe(before + 1);
  });
});
