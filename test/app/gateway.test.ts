/**
 * The local gateway plays WeChat's part for the H5 build: identity from a signed cookie (never the request body),
 * persona sign-in only in dev mode, and clear envelopes for everything it refuses.
 */
import { startAppCloud, type AppCloud } from '../support/app';

async function post(base: string, path: string, body: string, cookie = ''): Promise<{ status: number; json: Record<string, unknown>; cookie: string }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}

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

  test('a tampered identity cookie is not believed: the caller becomes a new anonymous resident', async () => {
    const tampered = 'lx_openid=o_demo_district.forged-signature';
    const reply = await post(app.stack.url, 'api/system', '{"action":"whoami"}', tampered);
    expect(reply.json).toMatchObject({ ok: true, data: { openid: expect.stringMatching(/^o_local_/) } });
    expect(reply.cookie).toMatch(/^lx_openid=o_local_/);
  });

  test('a first visit gets a stable anonymous openid, as WeChat gives every user one (no forced login)', async () => {
    const first = await post(app.stack.url, 'api/system', '{"action":"whoami"}');
    const again = await post(app.stack.url, 'api/system', '{"action":"whoami"}', first.cookie);
    expect((again.json.data as { openid: string }).openid).toBe((first.json.data as { openid: string }).openid);
  });

  test('an unknown function, an unknown persona and a body that is not JSON get clear envelopes', async () => {
    expect(await post(app.stack.url, 'api/nosuch', '{"action":"x"}')).toMatchObject({ status: 404, json: { ok: false, error: { code: 'ACTION.UNKNOWN' } } });
    expect(await post(app.stack.url, 'api/_dev/sign-in', '{"persona":"mayor"}')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
    expect(await post(app.stack.url, 'api/account', '{"action":')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INPUT.INVALID' } } });
  });

  test('a timer trigger can be fired on demand, also as if at a later time; a function without one is named', async () => {
    const fired = await post(app.stack.url, 'api/_dev/timers/case', JSON.stringify({ at: '2026-12-01T00:30:00Z' }));
    expect(fired).toMatchObject({ status: 200, json: { ok: true } });
    expect(app.stack.emulator.runner?.invocations().some((call) => call.name === 'case' && call.source === 'timer')).toBe(true);
    expect(await post(app.stack.url, 'api/_dev/timers/system', '{}')).toMatchObject({ status: 404, json: { ok: false, error: { message: expect.stringContaining('system') } } });
  });

  test('the subscribe endpoint grants WeChat-side credits for at most 3 templates', async () => {
    const first = await post(app.stack.url, 'api/system', '{"action":"whoami"}');
    const openid = (first.json.data as { openid: string }).openid;
    expect((await post(app.stack.url, 'api/_wx/subscribe', '{"accepted":["tmpl-todo"]}', first.cookie)).status).toBe(200);
    expect(app.stack.emulator.openapi.credits(openid)).toEqual({ 'tmpl-todo': 1 });
    expect((await post(app.stack.url, 'api/_wx/subscribe', '{"accepted":["a","b","c","d"]}', first.cookie)).status).toBe(400);
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

  test('an uploaded image is stored under the uploader and can be fetched through a temporary URL', async () => {
    const upload = await fetch(`${app.stack.url}api/_wx/upload`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG });
    const { data } = (await upload.json()) as { data: { fileID: string } };
    expect(data.fileID).toMatch(/^cloud:\/\/.+\/uploads\/o_local_[\w-]+\/\d+-[0-9a-f]{12}\.png$/);
    const urls = await fetch(`${app.stack.url}api/_wx/temp-urls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileIDs: [data.fileID] }) });
    const { data: list } = (await urls.json()) as { data: { fileList: Array<{ tempFileURL: string }> } };
    const image = await fetch(list.fileList[0].tempFileURL);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
  });

  test('anything but an image is refused with a clear message', async () => {
    const reply = await fetch(`${app.stack.url}api/_wx/upload`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: '<script>' });
    expect(reply.status).toBe(415);
    expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: expect.stringContaining('图片') } });
  });
});
