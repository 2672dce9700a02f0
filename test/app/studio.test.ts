/**
 * The 党代表工作室 directory through the real `studio` function on a known Wednesday (2026-09-30): nearest first,
 * who is on duty today (names, never openids), and the page a printed QR code opens.
 */
import { studio } from '../../src/shared/contracts';
import type { AppCloud } from '../support/app';
import { cn, startClockedCloud } from './cases-support';

let app: AppCloud;
beforeAll(async () => {
  app = await startClockedCloud(cn(2026, 9, 30, 10));
});
afterAll(() => app.close());

test('without a position the studios come in their listed order; with one, nearest first with the distance in metres', async () => {
  const listed = await app.call(studio.list, {}, 'o_studio_visitor');
  expect(listed.studios.map((item) => [item.id, item.distance])).toEqual([['studio-donghu', undefined], ['studio-xishan', undefined]]);

  // Standing at 西山镇便民服务中心: 西山 is a few metres away, 东湖 about 13.8 km (7.9 km north, 11.3 km east).
  const near = await app.call(studio.list, { latitude: 30.4813, longitude: 114.2533 }, 'o_studio_visitor');
  expect(near.studios.map((item) => item.id)).toEqual(['studio-xishan', 'studio-donghu']);
  expect(near.studios[0].distance).toBeLessThan(20);
  expect(near.studios[1].distance).toBeGreaterThan(13_700);
  expect(near.studios[1].distance).toBeLessThan(13_850);
});

test('a studio page lists its service points and, on a Wednesday, 陈建国 on duty — by name only', async () => {
  const detail = await app.call(studio.get, { id: 'studio-donghu' }, 'o_studio_visitor');
  expect(detail.studio).toMatchObject({ name: '东湖街道党代表工作室', hours: '周一至周五 9:00-17:00', contact: '027-86881234' });
  expect(detail.servicePoints.map((point) => point.name)).toEqual(['东湖社区流动服务点']);
  expect(detail.onDuty).toEqual({ weekday: 3, names: ['陈建国'] });
  expect(detail.deputyNames).toEqual(['陈建国', '刘芳']);
  expect(JSON.stringify(detail)).not.toContain('o_demo_deputy');
});

test('an unknown studio is not found', async () => {
  expect(await app.invoke(studio.get, { id: 'studio-nowhere' }, 'o_studio_visitor')).toMatchObject({ ok: false, error: { code: 'STUDIO.NOT_FOUND' } });
});

test('a studio page can be found from one of its service points (what a point\'s printed code names)', async () => {
  const detail = await app.call(studio.get, { servicePointId: 'point-donghu-sq' }, 'o_studio_visitor');
  expect(detail.studio.id).toBe('studio-donghu');
  expect(detail.servicePoints.map((point) => point.id)).toContain('point-donghu-sq');
  expect(await app.invoke(studio.get, { servicePointId: 'point-nowhere' }, 'o_studio_visitor')).toMatchObject({ ok: false, error: { code: 'SERVICE_POINT.NOT_FOUND' } });
});

test('the QR code of a studio opens the form with the studio; a service point\'s with both, on weapp and h5', async () => {
  expect(await app.call(studio.qr, { studioId: 'studio-donghu' }, 'o_studio_staff')).toEqual({
    path: 'pages/opinion-form/index?studio=studio-donghu',
    h5Path: '/#/pages/opinion-form/index?studio=studio-donghu',
    title: '东湖街道党代表工作室 意见征询',
    imageUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
    fileID: expect.stringMatching(/^cloud:\/\/.+\/qrcodes\/studio-donghu\.png$/),
  });
  expect((await app.call(studio.qr, { servicePointId: 'point-donghu-sq' }, 'o_studio_staff')).path).toBe(
    'pages/opinion-form/index?studio=studio-donghu&point=point-donghu-sq',
  );
  expect(await app.invoke(studio.qr, { servicePointId: 'point-nowhere' }, 'o_studio_staff')).toMatchObject({ ok: false, error: { code: 'SERVICE_POINT.NOT_FOUND' } });
});
