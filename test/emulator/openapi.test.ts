/**
 * wx.openApi parity: the real SDK's cloud.openapi calls (protobuf over multipart) against the emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import { sdkEnvironment, startTestCloud, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

// cloud.openapi is typed Record<string, any> by the SDK; name the two calls we use.
type OpenApi = {
  subscribeMessage: { send(params: object): Promise<{ errCode: number }> };
  security: { msgSecCheck(params: object): Promise<{ errCode: number; result: { suggest: string; label: number } }> };
};
const openapi = (): OpenApi => cloud.sdk.openapi as unknown as OpenApi;
const TEMPLATE = 'tmpl_case_reply';
const message = (touser: string, thing = '您的意见已答复') => ({ touser, templateId: TEMPLATE, page: 'pages/me/index', data: { thing1: { value: thing } } });

describe('subscribeMessage.send', () => {
  test('a user without an accepted subscription gets 43101 and the attempt is recorded', async () => {
    await expect(openapi().subscribeMessage.send(message('o_nocredit'))).rejects.toMatchObject({ errCode: 43101 });
    expect(cloud.emulator.openapi.outbox({ openid: 'o_nocredit' })).toMatchObject([{ templateId: TEMPLATE, errcode: 43101 }]);
  });

  test('each acceptance allows exactly one send: two credits, two sends, the third fails', async () => {
    await cloud.emulator.openapi.grantCredits('o_two', [TEMPLATE]);
    await cloud.emulator.openapi.grantCredits('o_two', [TEMPLATE]);
    expect((await openapi().subscribeMessage.send(message('o_two'))).errCode).toBe(0);
    expect((await openapi().subscribeMessage.send(message('o_two'))).errCode).toBe(0);
    await expect(openapi().subscribeMessage.send(message('o_two'))).rejects.toMatchObject({ errCode: 43101 });
    expect(cloud.emulator.openapi.credits('o_two')).toEqual({ [TEMPLATE]: 0 });
    const sent = cloud.emulator.openapi.outbox({ openid: 'o_two' });
    expect(sent.map((entry) => entry.errcode)).toEqual([0, 0, 43101]);
    expect(sent[0]).toMatchObject({ page: 'pages/me/index', data: { thing1: { value: '您的意见已答复' } } });
  });

  test('a thing value over 20 characters is refused with 47003 and spends no credit', async () => {
    await cloud.emulator.openapi.grantCredits('o_long', [TEMPLATE]);
    await expect(openapi().subscribeMessage.send(message('o_long', '这是一条超过二十个字的很长很长很长很长的提醒内容'))).rejects.toMatchObject({ errCode: 47003 });
    expect(cloud.emulator.openapi.credits('o_long')).toEqual({ [TEMPLATE]: 1 });
  });

  test('the outbox can be read over HTTP by the local UI', async () => {
    const response = await fetch(`${cloud.emulator.url}/_emulator/outbox?openid=o_nocredit`);
    expect(((await response.json()) as { outbox: unknown[] }).outbox).toHaveLength(1);
  });
});

describe('security.msgSecCheck', () => {
  const check = (content: string, extra: object = {}) => openapi().security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o_writer', ...extra });

  test('ordinary text passes with label 100', async () => {
    expect((await check('小区路灯坏了，晚上出行不便')).result).toEqual({ suggest: 'pass', label: 100 });
  });

  test('text containing a listed word is risky, with its label', async () => {
    expect((await check('有人在楼下组织赌博')).result).toEqual({ suggest: 'risky', label: 20006 });
    expect(cloud.emulator.openapi.secChecks().at(-1)).toMatchObject({ openid: 'o_writer', suggest: 'risky' });
  });

  test('a v2 check without openid fails with 40003', async () => {
    await expect(check('你好', { openid: undefined })).rejects.toMatchObject({ errCode: 40003 });
  });
});

test('an open API the emulator does not implement fails with an error naming it', async () => {
  const api = cloud.sdk.openapi as unknown as { wxacode: { getUnlimited(params: object): Promise<unknown> } };
  await expect(api.wxacode.getUnlimited({ scene: 'x' })).rejects.toMatchObject({ errMsg: expect.stringContaining('wxacode.getUnlimited') });
});

test('credits and the outbox survive a restart on the same data folder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-openapi-'));
  try {
    const first = await startEmulator({ dataDir });
    await first.openapi.grantCredits('o_kept', [TEMPLATE], 2);
    Object.assign(process.env, sdkEnvironment(first.adminUrl));
    await openapi().subscribeMessage.send(message('o_kept'));
    await first.close();
    const second = await startEmulator({ dataDir });
    expect(second.openapi.credits('o_kept')).toEqual({ [TEMPLATE]: 1 });
    expect(second.openapi.outbox({ openid: 'o_kept' })).toHaveLength(1);
    await second.close();
  } finally {
    Object.assign(process.env, sdkEnvironment(cloud.emulator.adminUrl));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
