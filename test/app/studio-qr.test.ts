/**
 * 意见征询码 through the real `studio` function: WeChat (the emulator's wxacode.getUnlimited) draws a place's code once,
 * the PNG is kept in cloud storage with its fileID on the place, and every later call reuses it.
 */
import { CloudError, deleteFile } from '../../cloud/src/infra/cloud';
import { database } from '../../cloud/src/infra/database';
import { codeError } from '../../cloud/src/functions/studio/qr';
import { studio } from '../../src/shared/contracts';
import { StudioErrors } from '../../src/shared/contracts/studio';
import { AppError, ErrorCodes } from '../../src/shared/errors';
import type { ServicePointDoc, StudioDoc } from '../../src/shared/studios';
import { startAppCloud, type AppCloud } from '../support/app';

const VISITOR = 'o_qr_visitor';
const FORM = 'pages/opinion-form/index';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

const codesFor = (scene: string) => app.stack.emulator.openapi.wxacodes().filter((entry) => entry.scene === scene);

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

test('a studio\'s code: WeChat draws the opinion form with scene s=<studio> at print size, and the image URL serves that PNG', async () => {
  const qr = await app.call(studio.qr, { studioId: 'studio-donghu' }, VISITOR);
  expect(qr).toMatchObject({
    path: `${FORM}?studio=studio-donghu`,
    h5Path: `/#/${FORM}?studio=studio-donghu`,
    title: '东湖街道党代表工作室 意见征询',
    fileID: expect.stringMatching(/\/qrcodes\/studio-donghu\.png$/),
  });
  expect(codesFor('s=studio-donghu')).toEqual([
    expect.objectContaining({ page: FORM, checkPath: true, envVersion: 'release', width: 1280, content: `${FORM}?scene=s%3Dstudio-donghu`, result: { errcode: 0, errmsg: 'ok' } }),
  ]);
  const png = await download(qr.imageUrl);
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.readUInt32BE(16)).toBe(1280);
});

test('the second call reuses the stored image: same fileID, WeChat not asked again, and the studio keeps the fileID', async () => {
  const first = await app.call(studio.qr, { studioId: 'studio-xishan' }, VISITOR);
  const second = await app.call(studio.qr, { studioId: 'studio-xishan' }, 'o_qr_someone_else');
  expect(second.fileID).toBe(first.fileID);
  expect(codesFor('s=studio-xishan')).toHaveLength(1);
  expect((await download(second.imageUrl)).equals(await download(first.imageUrl))).toBe(true);
  const [doc] = await database().collection<StudioDoc>('studios').where({ _id: 'studio-xishan' }).get();
  expect(doc.qrFileId).toBe(first.fileID);
});

test('a service point\'s code names the point (p=<point>) and is stored as qrcodes/<studio>-<point>.png', async () => {
  const qr = await app.call(studio.qr, { servicePointId: 'point-donghu-sq' }, VISITOR);
  expect(qr).toMatchObject({
    path: `${FORM}?studio=studio-donghu&point=point-donghu-sq`,
    title: '东湖社区流动服务点 意见征询',
    fileID: expect.stringMatching(/\/qrcodes\/studio-donghu-point-donghu-sq\.png$/),
  });
  expect(codesFor('p=point-donghu-sq')).toMatchObject([{ content: `${FORM}?scene=p%3Dpoint-donghu-sq` }]);
  const [point] = await database().collection<ServicePointDoc>('service_points').where({ _id: 'point-donghu-sq' }).get();
  expect(point.qrFileId).toBe(qr.fileID);
  expect((await download(qr.imageUrl)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
});

test('when the stored image is gone from storage, the next call draws and stores it again', async () => {
  const before = await app.call(studio.qr, { studioId: 'studio-donghu' }, VISITOR);
  const drawn = codesFor('s=studio-donghu').length;
  await deleteFile([before.fileID]);
  const after = await app.call(studio.qr, { studioId: 'studio-donghu' }, VISITOR);
  expect(codesFor('s=studio-donghu')).toHaveLength(drawn + 1);
  expect(after.fileID).toBe(before.fileID);
  expect((await download(after.imageUrl)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
});

test('a place whose id cannot fit in a code\'s 32-character scene answers STUDIO.QR_UNAVAILABLE without asking WeChat', async () => {
  const longId = 'point-with-a-very-long-identifier-0001';
  await database().collection<ServicePointDoc>('service_points').add({
    _id: longId,
    studioId: 'studio-donghu',
    orgPath: ['org-district', 'org-donghu'],
    name: '临时服务点',
    address: '湖滨路',
    schedule: '每周六',
    createdAt: 0,
  });
  const drawn = app.stack.emulator.openapi.wxacodes().length;
  expect(await app.invoke(studio.qr, { servicePointId: longId }, VISITOR)).toMatchObject({ ok: false, error: { code: StudioErrors.QR_UNAVAILABLE } });
  expect(app.stack.emulator.openapi.wxacodes()).toHaveLength(drawn);
});

test('WeChat\'s 41030 (form page not in the published version) and 45009 (rate limit) become errors staff can act on', () => {
  expect(codeError(new CloudError(41030, 'openapi.wxacode.getUnlimited:fail invalid page'))).toMatchObject({
    code: StudioErrors.QR_UNAVAILABLE,
    message: expect.stringContaining('发布后'),
  });
  expect(codeError(new CloudError(45009, 'openapi.wxacode.getUnlimited:fail reach max api daily quota limit'))).toEqual(
    new AppError(ErrorCodes.RATE_LIMITED, '生成意见征询码太频繁，请稍后再试'),
  );
  const other = new CloudError(-1, 'network');
  expect(codeError(other)).toBe(other);
});
