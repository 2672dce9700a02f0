/** The location buttons never fail silently, and a browser's GPS position lands where WeChat's maps put it. */
import { browserFailure, locationFailure, wechatFailure, wgs84ToGcj02, type LocationFailure } from '../../src/lib/coordinates';

/** Great-circle distance in metres (good enough to tell metres from kilometres). */
function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

test('every way of not getting a position has its own message in plain words', () => {
  const failures: LocationFailure[] = ['consent', 'denied', 'unavailable', 'timeout', 'unsupported'];
  const messages = failures.map((failure) => {
    const result = locationFailure(failure);
    if (result.ok) throw new Error('a failure came back as a position');
    return result.message;
  });
  expect(new Set(messages).size).toBe(failures.length);
  for (const message of messages) expect(message).toMatch(/^没有获取位置：.+。$/);
});

test("a browser's refusal, missing fix and timeout are told apart", () => {
  expect([1, 2, 3].map(browserFailure)).toEqual(['denied', 'unavailable', 'timeout']);
  expect(wechatFailure('getLocation:fail auth deny')).toBe('denied');
  expect(wechatFailure('getLocation:fail system permission denied')).toBe('denied');
  expect(wechatFailure('getLocation:fail:timeout')).toBe('timeout');
  expect(wechatFailure('getLocation:fail')).toBe('unavailable');
});

test("a browser's WGS-84 fix in 武汉 moves a few hundred metres onto WeChat's GCJ-02 maps; abroad it stays", () => {
  const gps = { latitude: 30.5521, longitude: 114.3712 };
  const moved = distanceMeters(gps, wgs84ToGcj02(gps));
  expect(moved).toBeGreaterThan(200);
  expect(moved).toBeLessThan(1000);
  const paris = { latitude: 48.8566, longitude: 2.3522 };
  expect(wgs84ToGcj02(paris)).toEqual(paris);
});
