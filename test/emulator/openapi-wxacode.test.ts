/**
 * wxacode.getUnlimited parity: the real SDK's cloud.openapi.wxacode.getUnlimited against the emulator — a PNG back as
 * `{ contentType, buffer }`, WeChat's errcodes for a bad scene, env version or page, and a durable record of each call.
 * The image is a plain QR code of `<page>?scene=<encoded scene>` standing in for WeChat's round code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBuffer } from 'qrcode';
import { startTestCloud, withEmulator, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

interface CodeReply {
  errCode: number;
  errMsg: string;
  contentType: string;
  buffer: Buffer;
}
// cloud.openapi is typed Record<string, any> by the SDK; name the call we use.
const getUnlimited = (params: object): Promise<CodeReply> =>
  (cloud.sdk.openapi as unknown as { wxacode: { getUnlimited(params: object): Promise<CodeReply> } }).wxacode.getUnlimited(params);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Width and height from the PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const FORM = 'pages/opinion-form/index';
const lastCode = () => cloud.emulator.openapi.wxacodes().at(-1);

describe('a code for a page of the app', () => {
  test('answers image/png bytes: exactly the QR code qrcode draws for "<page>?scene=<encoded scene>", at the width asked for', async () => {
    const reply = await getUnlimited({ scene: 's=studio-donghu', page: FORM, checkPath: true, envVersion: 'release', width: 300 });
    expect(reply).toMatchObject({ errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png' });
    expect(Buffer.isBuffer(reply.buffer)).toBe(true);
    expect(reply.buffer.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(reply.buffer)).toEqual({ width: 300, height: 300 });
    expect(reply.buffer.equals(await toBuffer(`${FORM}?scene=s%3Dstudio-donghu`, { width: 300 }))).toBe(true);
  });

  test('is 430 px without a width, and held to WeChat\'s 280…1280 px otherwise', async () => {
    expect(pngSize((await getUnlimited({ scene: 'a=1', page: FORM })).buffer).width).toBe(430);
    expect(pngSize((await getUnlimited({ scene: 'a=1', page: FORM, width: 100 })).buffer).width).toBe(280);
    expect(pngSize((await getUnlimited({ scene: 'a=1', page: FORM, width: 5000 })).buffer).width).toBe(1280);
  });

  test('opens the home page (the first page of the app config) when no page is given', async () => {
    await getUnlimited({ scene: 'from=poster' });
    expect(lastCode()).toMatchObject({ page: 'pages/home/index', content: 'pages/home/index?scene=from%3Dposter', result: { errcode: 0 } });
  });

  test('draws the line colour asked for on a transparent background with isHyaline', async () => {
    const reply = await getUnlimited({ scene: 'a=1', page: FORM, width: 300, lineColor: { r: '200', g: 22, b: 29 }, isHyaline: true });
    const expected = await toBuffer(`${FORM}?scene=a%3D1`, { width: 300, color: { dark: '#c8161dff', light: '#00000000' } });
    expect(reply.buffer.equals(expected)).toBe(true);
  });

  test('every scene character WeChat allows is accepted, and the scene arrives URI-encoded in the code', async () => {
    const scene = "a!#$&'()*+,/:;=?@-._~Z9";
    await getUnlimited({ scene, page: FORM });
    expect(lastCode()).toMatchObject({ scene, content: `${FORM}?scene=${encodeURIComponent(scene)}`, result: { errcode: 0 } });
  });
});

describe('requests WeChat refuses, with its errcodes', () => {
  test('a scene longer than 32 characters, or none, fails with 40169', async () => {
    const invalidLength = { errCode: 40169, errMsg: expect.stringContaining('invalid length for scene') };
    await expect(getUnlimited({ scene: 's=studio-donghu&p=point-donghu-sq', page: FORM })).rejects.toMatchObject(invalidLength);
    await expect(getUnlimited({ page: FORM })).rejects.toMatchObject(invalidLength);
  });

  test('a scene with a character outside WeChat\'s set (%, Chinese, a space) fails with 40129', async () => {
    for (const scene of ['a=%E4%B8%9C', 's=东湖', 'a b']) {
      await expect(getUnlimited({ scene, page: FORM })).rejects.toMatchObject({ errCode: 40129, errMsg: expect.stringContaining('invalid scene') });
    }
  });

  test('a page the published app does not have fails with 41030; checkPath false draws it anyway', async () => {
    await expect(getUnlimited({ scene: 'a=1', page: 'pages/nowhere/index' })).rejects.toMatchObject({
      errCode: 41030,
      errMsg: expect.stringContaining('invalid page'),
    });
    const reply = await getUnlimited({ scene: 'a=1', page: 'pages/nowhere/index', checkPath: false });
    expect(reply.contentType).toBe('image/png');
    expect(lastCode()).toMatchObject({ page: 'pages/nowhere/index', checkPath: false, content: 'pages/nowhere/index?scene=a%3D1' });
  });

  test('a page with a leading slash or a query fails with 41030 even without the check', async () => {
    for (const page of [`/${FORM}`, `${FORM}?studio=studio-donghu`]) {
      await expect(getUnlimited({ scene: 'a=1', page, checkPath: false })).rejects.toMatchObject({ errCode: 41030 });
    }
  });

  test('the pages are the weapp build\'s: subpackage pages pass, the h5-only sign-in page does not', async () => {
    expect((await getUnlimited({ scene: 'a=1', page: 'packages/staff/pages/cases/index' })).errCode).toBe(0);
    await expect(getUnlimited({ scene: 'a=1', page: 'pages/dev-sign-in/index' })).rejects.toMatchObject({ errCode: 41030 });
  });

  test('an envVersion other than release, trial or develop fails with 40097', async () => {
    expect((await getUnlimited({ scene: 'a=1', page: FORM, envVersion: 'trial' })).errCode).toBe(0);
    await expect(getUnlimited({ scene: 'a=1', page: FORM, envVersion: '' })).rejects.toMatchObject({ errCode: 40097 });
  });

  test('the openapi.pages option replaces the app config\'s pages', async () => {
    await withEmulator(cloud, { openapi: { pages: ['pages/only/index'] } }, async (other) => {
      await getUnlimited({ scene: 'a=1' });
      await expect(getUnlimited({ scene: 'a=1', page: FORM })).rejects.toMatchObject({ errCode: 41030 });
      expect(other.openapi.wxacodes().map((entry) => [entry.page, entry.result.errcode])).toEqual([
        ['pages/only/index', 0],
        [FORM, 41030],
      ]);
    });
  });
});

describe('the record of codes', () => {
  test('lists each call with what it asked for and what WeChat answered, also at GET /_emulator/wxacodes', async () => {
    await withEmulator(cloud, {}, async (fresh) => {
      await getUnlimited({ scene: 'p=point-donghu-sq', page: FORM, width: 1280 });
      await expect(getUnlimited({ scene: 'x'.repeat(33), page: FORM })).rejects.toMatchObject({ errCode: 40169 });
      const expected = [
        {
          time: expect.any(String),
          scene: 'p=point-donghu-sq',
          page: FORM,
          checkPath: true,
          envVersion: 'release',
          width: 1280,
          content: `${FORM}?scene=p%3Dpoint-donghu-sq`,
          result: { errcode: 0, errmsg: 'ok' },
        },
        expect.objectContaining({ scene: 'x'.repeat(33), content: null, result: { errcode: 40169, errmsg: expect.stringContaining('rid: ') } }),
      ];
      expect(fresh.openapi.wxacodes()).toEqual(expected);
      const listed = (await (await fetch(`${fresh.url}/_emulator/wxacodes`, { headers: fresh.toolHeaders() })).json()) as { wxacodes: unknown[] };
      expect(listed.wxacodes).toEqual(expected);
    });
  });

  test('survives a restart on the same data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-wxacode-'));
    try {
      await withEmulator(cloud, { dataDir }, async () => {
        await getUnlimited({ scene: 's=studio-xishan', page: FORM });
      });
      await withEmulator(cloud, { dataDir }, async (second) => {
        expect(second.openapi.wxacodes()).toMatchObject([{ scene: 's=studio-xishan', content: `${FORM}?scene=s%3Dstudio-xishan` }]);
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
