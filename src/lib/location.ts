/**
 * The device position, asked only after a tap and never required. Every failure comes back with its reason in words
 * (coordinates.ts), so the page can say why. weapp asks WeChat for GCJ-02; h5 asks the browser (Taro's h5 getLocation
 * refuses 'gcj02', and its failures lose the reason) and converts WGS-84 to GCJ-02.
 */
import Taro from '@tarojs/taro';
import { browserFailure, locationFailure, wechatFailure, wgs84ToGcj02, type LocationResult } from './coordinates';
import { requestPrivacyConsent } from './use-privacy-consent';

/** A browser may never answer the permission question: give up after this long. */
const LOCATION_TIMEOUT_MS = 10_000;

function browserPosition(): Promise<LocationResult> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(locationFailure('unsupported'));
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ ok: true, point: wgs84ToGcj02({ latitude: coords.latitude, longitude: coords.longitude }) }),
      (error) => resolve(locationFailure(browserFailure(error.code))),
      { timeout: LOCATION_TIMEOUT_MS, maximumAge: 60_000 },
    );
  });
}

function wechatPosition(): Promise<LocationResult> {
  return Taro.getLocation({ type: 'gcj02' }).then(
    ({ latitude, longitude }): LocationResult => ({ ok: true, point: { latitude, longitude } }),
    (error: { errMsg?: string }) => locationFailure(wechatFailure(String(error?.errMsg ?? ''))),
  );
}

/** Asks for consent, then the position (GCJ-02); a failure says why. */
export async function tryLocation(): Promise<LocationResult> {
  if (!(await requestPrivacyConsent())) return locationFailure('consent');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<LocationResult>((resolve) => {
    timer = setTimeout(() => resolve(locationFailure('timeout')), LOCATION_TIMEOUT_MS + 1_000);
  });
  const located = (process.env.TARO_ENV === 'h5' ? browserPosition() : wechatPosition()).catch(() => locationFailure('unavailable'));
  try {
    return await Promise.race([located, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
