/**
 * wx.openApi parity: the real SDK's cloud.openapi calls (protobuf over multipart) against the emulator.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCloud, withEmulator, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

interface SecCheckReply {
  errCode: number;
  result: { suggest: string; label: number };
  detail: Array<{ strategy: string; keyword?: string }>;
  traceId: string;
}
// cloud.openapi is typed Record<string, any> by the SDK; name the calls we use.
interface OpenApi {
  subscribeMessage: { send(params: object): Promise<{ errCode: number; errMsg: string }> };
  security: { msgSecCheck(params: object): Promise<SecCheckReply> };
}
const openapi = (): OpenApi => cloud.sdk.openapi as unknown as OpenApi;
const TEMPLATE = 'tmpl_case_reply';
const message = (touser: string, data: object = { thing1: { value: '您的意见已答复' } }) => ({ touser, templateId: TEMPLATE, page: 'pages/me/index', data });

describe('subscribeMessage.send', () => {
  test('a user who never accepted the template gets 43101 "user refuse to accept the msg" and the attempt is recorded', async () => {
    await expect(openapi().subscribeMessage.send(message('o_nocredit'))).rejects.toMatchObject({
      errCode: 43101,
      errMsg: expect.stringContaining('user refuse to accept the msg'),
    });
    expect(cloud.emulator.openapi.outbox({ openid: 'o_nocredit' })).toMatchObject([{ templateId: TEMPLATE, result: { errcode: 43101 } }]);
  });

  test('each acceptance allows exactly one send: two credits, two sends, the third fails', async () => {
    await cloud.emulator.openapi.grantCredits('o_two', [TEMPLATE]);
    await cloud.emulator.openapi.grantCredits('o_two', [TEMPLATE]);
    expect(await openapi().subscribeMessage.send(message('o_two'))).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    expect((await openapi().subscribeMessage.send(message('o_two'))).errCode).toBe(0);
    await expect(openapi().subscribeMessage.send(message('o_two'))).rejects.toMatchObject({ errCode: 43101 });
    expect(cloud.emulator.openapi.credits('o_two')).toEqual({ [TEMPLATE]: 0 });
    const sent = cloud.emulator.openapi.outbox({ openid: 'o_two' });
    expect(sent.map((entry) => entry.result.errcode)).toEqual([0, 0, 43101]);
    expect(sent[0]).toMatchObject({
      page: 'pages/me/index',
      data: { thing1: { value: '您的意见已答复' } },
      miniprogramState: 'formal',
      lang: 'zh_CN',
      result: { errcode: 0, errmsg: 'ok' },
    });
  });

  test('credits belong to one template: accepting one does not allow sending another', async () => {
    await cloud.emulator.openapi.grantCredits('o_other', ['tmpl_meeting']);
    await expect(openapi().subscribeMessage.send(message('o_other'))).rejects.toMatchObject({ errCode: 43101 });
    expect(cloud.emulator.openapi.credits('o_other')).toEqual({ tmpl_meeting: 1 });
  });

  test('concurrent sends on a single credit deliver exactly one message', async () => {
    await cloud.emulator.openapi.grantCredits('o_race', [TEMPLATE]);
    const results = await Promise.allSettled([1, 2, 3].map(() => openapi().subscribeMessage.send(message('o_race'))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(cloud.emulator.openapi.credits('o_race')).toEqual({ [TEMPLATE]: 0 });
  });

  test('a thing value over 20 characters is refused with 47003 naming the field, and spends no credit', async () => {
    await cloud.emulator.openapi.grantCredits('o_long', [TEMPLATE]);
    const long = { thing1: { value: '这是一条超过二十个字的很长很长很长很长的提醒内容' } };
    await expect(openapi().subscribeMessage.send(message('o_long', long))).rejects.toMatchObject({
      errCode: 47003,
      errMsg: expect.stringContaining('data.thing1.value invalid'),
    });
    expect(cloud.emulator.openapi.credits('o_long')).toEqual({ [TEMPLATE]: 1 });
    expect(cloud.emulator.openapi.outbox({ openid: 'o_long' })).toMatchObject([{ result: { errcode: 47003 } }]);
  });

  test.each([
    ['phrase over 5', { phrase2: { value: '已经受理完毕' } }],
    ['name over 10', { name3: { value: '欧阳诸葛司马上官东方' + '慕容' } }],
    ['character_string over 32', { character_string4: { value: 'A'.repeat(33) } }],
    ['number over 32', { number5: { value: '1'.repeat(33) } }],
    ['an empty value', { thing1: { value: '' } }],
    ['no data at all', {}],
  ])('template data with %s is refused with 47003', async (_case, data) => {
    await cloud.emulator.openapi.grantCredits('o_bad', [TEMPLATE]);
    await expect(openapi().subscribeMessage.send(message('o_bad', data))).rejects.toMatchObject({ errCode: 47003 });
  });

  test('values at the limit are accepted: thing of 20, phrase of 5, name of 10', async () => {
    await cloud.emulator.openapi.grantCredits('o_edge', [TEMPLATE]);
    const data = { thing1: { value: '一二三四五六七八九十一二三四五六七八九十' }, phrase2: { value: '已经受理了' }, name3: { value: '欧阳诸葛司马上官东方' } };
    expect((await openapi().subscribeMessage.send(message('o_edge', data))).errCode).toBe(0);
  });

  test('a send without touser fails with 40003 and one without templateId with 40037, as WeChat answers', async () => {
    await expect(openapi().subscribeMessage.send({ templateId: TEMPLATE, data: { thing1: { value: 'x' } } })).rejects.toMatchObject({ errCode: 40003 });
    await expect(openapi().subscribeMessage.send({ touser: 'o_x', data: { thing1: { value: 'x' } } })).rejects.toMatchObject({ errCode: 40037 });
  });

  test('an unknown miniprogramState is refused with 47003', async () => {
    await cloud.emulator.openapi.grantCredits('o_state', [TEMPLATE]);
    await expect(openapi().subscribeMessage.send({ ...message('o_state'), miniprogramState: 'beta' })).rejects.toMatchObject({ errCode: 47003 });
  });
});

describe('security.msgSecCheck', () => {
  const check = (content: string, extra: object = {}) => openapi().security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o_writer', ...extra });

  test('ordinary text passes with label 100 and a trace id', async () => {
    const reply = await check('小区路灯坏了，晚上出行不便');
    expect(reply.result).toEqual({ suggest: 'pass', label: 100 });
    expect(reply.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  test('text containing a listed word is risky, with its label and the keyword in detail, and the check is recorded', async () => {
    const reply = await check('有人在楼下组织赌博');
    expect(reply.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(reply.detail).toContainEqual(expect.objectContaining({ strategy: 'keyword', keyword: '赌博' }));
    expect(cloud.emulator.openapi.secChecks().at(-1)).toMatchObject({
      openid: 'o_writer',
      scene: 2,
      content: '有人在楼下组织赌博',
      result: { errcode: 0, suggest: 'risky', label: 20006 },
    });
  });

  test('a word listed for review gets suggest "review"', async () => {
    expect((await check('本周末免费领取体检券')).result).toEqual({ suggest: 'review', label: 10001 });
  });

  test('a v2 check without openid fails with 40003', async () => {
    await expect(check('你好', { openid: undefined })).rejects.toMatchObject({ errCode: 40003 });
  });

  test('a v2 check with a scene outside 1–4 fails with 47001', async () => {
    await expect(check('你好', { scene: 9 })).rejects.toMatchObject({ errCode: 47001 });
  });

  test('a v1 check of risky text fails with 87014', async () => {
    await expect(openapi().security.msgSecCheck({ content: '代开发票' })).rejects.toMatchObject({ errCode: 87014 });
  });

  test('the secCheckWords option replaces the built-in list', async () => {
    await withEmulator(cloud, { openapi: { secCheckWords: ['违规字眼'] } }, async () => {
      expect((await check('这里有违规字眼')).result).toEqual({ suggest: 'risky', label: 21000 });
      expect((await check('有人组织赌博')).result.suggest).toBe('pass');
    });
  });
});

test('an open API the emulator does not implement fails with an error naming it', async () => {
  const api = cloud.sdk.openapi as unknown as { urlscheme: { generate(params: object): Promise<unknown> } };
  await expect(api.urlscheme.generate({})).rejects.toMatchObject({ errMsg: expect.stringContaining('urlscheme.generate') });
});

describe('HTTP routes', () => {
  test('POST /_emulator/subscribe grants credits that the next send spends', async () => {
    const response = await fetch(`${cloud.emulator.url}/_emulator/subscribe`, {
      method: 'POST',
      headers: { ...cloud.emulator.toolHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o_http', accepted: [TEMPLATE, 'tmpl_meeting'] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ openid: 'o_http', credits: { [TEMPLATE]: 1, tmpl_meeting: 1 } });
    expect((await openapi().subscribeMessage.send(message('o_http'))).errCode).toBe(0);
  });

  test('POST /_emulator/subscribe with a malformed body is a 400 and grants nothing', async () => {
    const response = await fetch(`${cloud.emulator.url}/_emulator/subscribe`, {
      method: 'POST',
      headers: { ...cloud.emulator.toolHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o_badbody', accepted: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(cloud.emulator.openapi.credits('o_badbody')).toEqual({});
  });

  test('GET /_emulator/outbox lists one user\'s attempts as JSON', async () => {
    const response = await fetch(`${cloud.emulator.url}/_emulator/outbox?openid=o_nocredit`, { headers: cloud.emulator.toolHeaders() });
    expect(response.headers.get('content-type')).toContain('application/json');
    const { outbox } = (await response.json()) as { outbox: Array<{ openid: string; result: { errcode: number } }> };
    expect(outbox).toEqual([expect.objectContaining({ openid: 'o_nocredit', result: expect.objectContaining({ errcode: 43101 }) })]);
  });
});

describe('durability', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lianxin-openapi-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('credits, the outbox and the check log survive a restart on the same data folder', async () => {
    await withEmulator(cloud, { dataDir }, async (first) => {
      await first.openapi.grantCredits('o_kept', [TEMPLATE], 2);
      await openapi().subscribeMessage.send(message('o_kept'));
      await openapi().security.msgSecCheck({ content: '赌博', version: 2, scene: 1, openid: 'o_kept' });
    });
    await withEmulator(cloud, { dataDir }, async (second) => {
      expect(second.openapi.credits('o_kept')).toEqual({ [TEMPLATE]: 1 });
      expect(second.openapi.outbox({ openid: 'o_kept' })).toMatchObject([{ result: { errcode: 0 } }]);
      expect(second.openapi.secChecks()).toMatchObject([{ openid: 'o_kept', result: { suggest: 'risky' } }]);
      expect((await openapi().subscribeMessage.send(message('o_kept'))).errCode).toBe(0);
    });
  });

  test('a torn last line (a crash mid-append) is dropped and the journal keeps working', async () => {
    await withEmulator(cloud, { dataDir }, async (first) => {
      await first.openapi.grantCredits('o_torn', [TEMPLATE]);
    });
    appendFileSync(join(dataDir, 'openapi', 'events.jsonl'), '{"kind":"credit","time":"2026');
    await withEmulator(cloud, { dataDir }, async (second) => {
      expect(second.openapi.credits('o_torn')).toEqual({ [TEMPLATE]: 1 });
      await second.openapi.grantCredits('o_torn', [TEMPLATE]);
    });
    await withEmulator(cloud, { dataDir }, async (third) => {
      expect(third.openapi.credits('o_torn')).toEqual({ [TEMPLATE]: 2 });
    });
  });
});
