/**
 * Positions and why they failed, platform-free. Browsers answer WGS-84 (GPS); WeChat maps, studio addresses and the
 * weapp's getLocation use GCJ-02 (China's offset datum, a few hundred metres apart), so h5 converts.
 */
import type { GeoPoint } from '../shared/cases/model';

/** Why no position came: each gets its own message (a silent failure leaves people tapping again and again). */
export type LocationFailure = 'consent' | 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export type LocationResult = { ok: true; point: GeoPoint } | { ok: false; failure: LocationFailure; message: string };

const MESSAGES: Record<LocationFailure, string> = {
  consent: '没有获取位置：你还没有同意隐私保护指引。',
  denied: '没有获取位置：没有允许“连心”使用位置。可以在浏览器或微信的设置里允许后再试。',
  unavailable: '没有获取位置：这台设备暂时定不了位，请稍后再试。',
  timeout: '没有获取位置：定位太久没有结果，请到窗边或室外再试。',
  unsupported: '没有获取位置：这个浏览器不能定位。',
};

export function locationFailure(failure: LocationFailure): LocationResult {
  return { ok: false, failure, message: MESSAGES[failure] };
}

/** The failure behind a browser's GeolocationPositionError code (1 denied, 2 unavailable, 3 timeout). */
export function browserFailure(code: number): LocationFailure {
  return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable';
}

/** The failure behind WeChat's getLocation errMsg ('getLocation:fail auth deny', '…system permission denied', …). */
export function wechatFailure(errMsg: string): LocationFailure {
  if (/auth|permission|deny|denied/i.test(errMsg)) return 'denied';
  if (/timeout/i.test(errMsg)) return 'timeout';
  return 'unavailable';
}

// Krasovsky 1940 ellipsoid, as the published GCJ-02 transform uses.
const A = 6378245.0;
const EE = 0.006693421622965943;

function outsideChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function offsetLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** A browser's WGS-84 position as GCJ-02 (unchanged outside China, where GCJ-02 is WGS-84). */
export function wgs84ToGcj02({ latitude, longitude }: GeoPoint): GeoPoint {
  if (outsideChina(latitude, longitude)) return { latitude, longitude };
  const radLat = (latitude / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (offsetLat(longitude - 105.0, latitude - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (offsetLng(longitude - 105.0, latitude - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { latitude: latitude + dLat, longitude: longitude + dLng };
}
