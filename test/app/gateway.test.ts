/**
 * The local gateway plays WeChat's part for the H5 build: identity from a signed cookie (never the request body) that
 * only /api/_wx/login hands out (what wx.login does), persona sign-in only in dev mode, files only for who may see
 * them, and clear envelopes for everything it refuses.
 */
import { cases, study, studyStaff } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import { startAppCloud, type AppCloud } from '../support/app';
import { form } from './cases-support';

async function post(base: string, path: string, body: string, cookie = ''): Promise<{ status: number; json: Record<string, unknown>; cookie: string }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}

/** What the h5 client does before its first call: settle an identity; resolves its cookie. */
async function login(base: string): Promise<string> {
  const { cookie } = await post(base, 'api/_wx/login', '');
  expect(cookie).toMatch(/^lx_openid=o_local_/);
  return cookie;
}

const openidOf = (reply: { json: Record<string, unknown> }): string => (reply.json.data as { openid: string }).openid;

describe('in dev mode', () => {
  let app: AppCloud;
  beforeAll(async () => {
    app = await startAppCloud({ dev: true });
  });
  afterAll(() => app.close());

  test('a persona sign-in makes the browser that persona for every later call', async () => {
    const signIn = await post(app.stack.url, 'api/_dev/sign-in', '{"persona":"deputy"}');
    const me = await post(app.stack.url, 'api/account', '{"action":"me"}', signIn.cookie);
    expect(me.json).toMatchObject({ ok: true, data: { roles: ['resident', 'deputy'], name: '陈建国' } });
  });

  test('a tampered identity cookie is not believed: calls are refused, and logging in makes a new anonymous resident', async () => {
    const tampered = 'lx_openid=o_demo_district.forged-signature';
    expect(await post(app.stack.url, 'api/system', '{"action":"whoami"}', tampered)).toMatchObject({ status: 401, json: { ok: false, error: { code: 'AUTH.LOGIN_REQUIRED' } } });
    const relogged = await post(app.stack.url, 'api/_wx/login', '', tampered);
    expect(relogged).toMatchObject({ json: { ok: true, data: { fresh: true } }, cookie: expect.stringMatching(/^lx_openid=o_local_/) });
  });

  test('a first visit logs in to a stable anonymous openid, as WeChat gives every user one (no forced registration)', async () => {
    const cookie = await login(app.stack.url);
    const first = await post(app.stack.url, 'api/system', '{"action":"whoami"}', cookie);
    const again = await post(app.stack.url, 'api/system', '{"action":"whoami"}', cookie);
    expect(openidOf(first)).toMatch(/^o_local_/);
    expect(openidOf(again)).toBe(openidOf(first));
    // Logging in again with the cookie keeps the identity.
    expect(await post(app.stack.url, 'api/_wx/login', '', cookie)).toMatchObject({ json: { ok: true, data: { fresh: false } }, cookie: '' });
  });

  test('five requests at once from a browser without a cookie are all refused and mint no identity (one browser, one identity)', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => post(app.stack.url, 'api/system', '{"action":"whoami"}')));
    for (const reply of replies) expect(reply).toMatchObject({ status: 401, json: { ok: false, error: { code: 'AUTH.LOGIN_REQUIRED', message: expect.stringContaining('刷新') } }, cookie: '' });
    const writes = await Promise.all([
      post(app.stack.url, 'api/_wx/subscribe', '{"accepted":["tmpl-todo"]}'),
      fetch(`${app.stack.url}api/_wx/upload?cloudPath=uploads/0123456789abcdef0123456789abcdef.png`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' }),
    ]);
    expect(writes.map((reply) => reply.status)).toEqual([401, 401]);
  });

  test('a first-time visitor whose submit response was lost finds the first submission on retry: one case', async () => {
    const cookie = await login(app.stack.url);
    const payload = JSON.stringify({ action: 'submit', payload: form({ title: '响应丢失后重试' }) });
    // The first answer never reaches the browser; it retries the same request with the cookie it already had.
    const lost = await post(app.stack.url, 'api/case', payload, cookie);
    const retried = await post(app.stack.url, 'api/case', payload, cookie);
    expect(retried.json).toMatchObject({ ok: true, data: { id: (lost.json.data as { id: string }).id } });
    const openid = openidOf(await post(app.stack.url, 'api/system', '{"action":"whoami"}', cookie));
    expect((await app.call(cases.mine, {}, openid)).items.map((item) => item.title)).toEqual(['响应丢失后重试']);
  });

  test('an unknown function, an unknown persona and a body that is not JSON get clear envelopes', async () => {
    expect(await post(app.stack.url, 'api/nosuch', '{"action":"x"}')).toMatchObject({ status: 404, json: { ok: false, error: { code: 'ACTION.UNKNOWN' } } });
    expect(await post(app.stack.url, 'api/_dev/sign-in', '{"persona":"mayor"}')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
    // Who first (an anonymous body is never read), then the body.
    expect(await post(app.stack.url, 'api/account', '{"action":')).toMatchObject({ status: 401, json: { ok: false, error: { code: 'AUTH.LOGIN_REQUIRED' } } });
    expect(await post(app.stack.url, 'api/account', '{"action":', await login(app.stack.url))).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
  });

  test('a timer trigger can be fired on demand, also as if at a later time; a function without one is named', async () => {
    const fired = await post(app.stack.url, 'api/_dev/timers/case', JSON.stringify({ at: '2026-12-01T00:30:00Z' }));
    expect(fired).toMatchObject({ status: 200, json: { ok: true } });
    expect(app.stack.emulator.runner?.invocations().some((call) => call.name === 'case' && call.source === 'timer')).toBe(true);
    expect(await post(app.stack.url, 'api/_dev/timers/system', '{}')).toMatchObject({ status: 404, json: { ok: false, error: { message: expect.stringContaining('system') } } });
  });

  test('the subscribe endpoint grants WeChat-side credits for at most 3 templates', async () => {
    const cookie = await login(app.stack.url);
    const openid = openidOf(await post(app.stack.url, 'api/system', '{"action":"whoami"}', cookie));
    expect((await post(app.stack.url, 'api/_wx/subscribe', '{"accepted":["tmpl-todo"]}', cookie)).status).toBe(200);
    expect(app.stack.emulator.openapi.credits(openid)).toEqual({ 'tmpl-todo': 1 });
    expect((await post(app.stack.url, 'api/_wx/subscribe', '{"accepted":["a","b","c","d"]}', cookie)).status).toBe(400);
  });
});

describe('outside dev mode', () => {
  let app: AppCloud;
  beforeAll(async () => {
    app = await startAppCloud({ dev: false });
  });
  afterAll(() => app.close());

  test('persona sign-in, the persona list and firing timers are refused', async () => {
    expect(await post(app.stack.url, 'api/_dev/timers/case', '{}')).toMatchObject({ status: 403, json: { ok: false, error: { code: 'AUTH.DEV_ONLY' } } });
    expect(await post(app.stack.url, 'api/_dev/sign-in', '{"persona":"admin"}')).toMatchObject({ status: 403, json: { ok: false, error: { code: 'AUTH.DEV_ONLY' } } });
    const list = await fetch(`${app.stack.url}api/_dev/personas`);
    expect(list.status).toBe(403);
  });
});

describe('files (what wx.cloud.uploadFile and getTempFileURL do on weapp)', () => {
  let app: AppCloud;
  beforeAll(async () => {
    app = await startAppCloud({ dev: true });
  });
  afterAll(() => app.close());

  const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

  /** A browser that logged in, took an upload path from the cloud and uploaded PNG there; resolves its cookie and the fileID. */
  async function uploader(): Promise<{ cookie: string; openid: string; fileID: string; cloudPath: string }> {
    const cookie = await login(app.stack.url);
    const openid = openidOf(await post(app.stack.url, 'api/system', '{"action":"whoami"}', cookie));
    const { cloudPath } = await app.call(cases.photoPath, { ext: 'png' }, openid);
    const upload = await fetch(`${app.stack.url}api/_wx/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'content-type': 'image/png', cookie }, body: PNG });
    const { data } = (await upload.json()) as { data: { fileID: string } };
    return { cookie, openid, fileID: data.fileID, cloudPath };
  }

  const tempUrls = async (fileIDs: string[], cookie = ''): Promise<{ status: number; urls: string[] }> => {
    const reply = await post(app.stack.url, 'api/_wx/temp-urls', JSON.stringify({ fileIDs }), cookie);
    const list = (reply.json.data as { fileList?: Array<{ tempFileURL: string }> } | undefined)?.fileList ?? [];
    return { status: reply.status, urls: list.map((file) => file.tempFileURL) };
  };

  test('an uploaded image is stored at a random path that names nobody, and its uploader can preview it', async () => {
    const { cookie, openid, fileID, cloudPath } = await uploader();
    expect(cloudPath).toMatch(/^uploads\/[0-9a-f]{32}\.png$/);
    expect(fileID.endsWith(`/${cloudPath}`)).toBe(true);
    expect(fileID).not.toContain(openid);
    const { urls } = await tempUrls([fileID], cookie);
    expect(urls[0]).not.toContain(openid);
    const image = await fetch(urls[0]);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
  });

  test('a stranger cannot get a URL for someone else\'s photo, with or without a cookie', async () => {
    const { fileID } = await uploader();
    expect(await tempUrls([fileID])).toMatchObject({ status: 401, urls: [] });
    const stranger = await login(app.stack.url);
    expect(await tempUrls([fileID], stranger)).toEqual({ status: 200, urls: [''] });
  });

  test('an upload must go to a path the cloud handed out, and never over an existing file', async () => {
    const { cookie, cloudPath } = await uploader();
    const again = await fetch(`${app.stack.url}api/_wx/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'content-type': 'image/png', cookie }, body: PNG });
    expect(again.status).toBe(400);
    const elsewhere = await fetch(`${app.stack.url}api/_wx/upload?cloudPath=qrcodes/studio-donghu.png`, { method: 'POST', headers: { 'content-type': 'image/png', cookie }, body: PNG });
    expect(elsewhere.status).toBe(400);
  });

  test('the case view signs its photos for the reporter and staff only, and a submit refuses photos someone else uploaded', async () => {
    const owner = await uploader();
    const { id } = await app.call(cases.submit, form({ title: '楼道堆物', photos: [owner.fileID] }), owner.openid);
    const mine = await app.call(cases.get, { id }, owner.openid);
    const image = await fetch(mine.photoUrls[owner.fileID]);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    expect((await app.call(cases.get, { id }, 'o_demo_admin')).photoUrls[owner.fileID]).toEqual(expect.any(String));
    // Someone who learnt the fileID cannot attach it to a case of their own to read it there.
    const thief = await uploader();
    const reply = await app.invoke(cases.submit, form({ title: '借用别人的照片', photos: [owner.fileID] }), thief.openid);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { photos: expect.any(String) } } } });
    expect(JSON.stringify(reply)).not.toContain('http');
    const other = await app.invoke(cases.get, { id }, thief.openid);
    expect(JSON.stringify(other)).not.toContain(owner.cloudPath);
  });

  test('staff attach a PDF through a path study.filePath handed out; the branch member opens it by a short-lived link, a resident gets none', async () => {
    const cookie = await login(app.stack.url);
    const openid = openidOf(await post(app.stack.url, 'api/system', '{"action":"whoami"}', cookie));
    await database().collection('users').doc(openid).update({ admin: { name: '东湖管理员', orgIds: ['org-donghu'] } });
    const { cloudPath } = await app.call(studyStaff.filePath, { ext: 'pdf' }, openid);
    const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
    const upload = await fetch(`${app.stack.url}api/_wx/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'content-type': 'application/pdf', cookie }, body: PDF });
    expect(upload.status).toBe(200);
    const { data } = (await upload.json()) as { data: { fileID: string } };
    const audience = { public: false, orgIds: ['org-donghu-b1'], tags: [] };
    const { article } = await app.call(studyStaff.save, { requestId: 'gateway-pdf-0001', orgId: 'org-donghu', title: '入党誓词全文', body: '<p>见附件</p>', required: false, audience, attachments: [{ fileId: data.fileID, name: '入党誓词全文', kind: 'pdf' }] }, openid);
    await app.call(studyStaff.publish, { id: article.id }, openid);
    const read = await app.call(study.get, { id: article.id }, 'o_demo_member');
    const link = read.article?.attachments[0];
    expect(link).toMatchObject({ name: '入党誓词全文', kind: 'pdf' });
    expect(Buffer.from(await (await fetch(link?.url ?? '')).arrayBuffer())).toEqual(PDF);
    expect(JSON.stringify(await app.call(study.get, { id: article.id }, 'o_demo_resident'))).not.toContain(cloudPath);
  });

  test('anything but an image is refused with a clear message', async () => {
    const cookie = await login(app.stack.url);
    const reply = await fetch(`${app.stack.url}api/_wx/upload`, { method: 'POST', headers: { 'content-type': 'text/html', cookie }, body: '<script>' });
    expect(reply.status).toBe(415);
    expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: expect.stringContaining('图片') } });
  });
});
