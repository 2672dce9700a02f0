/** The device position, asked only after a tap and never required: refusing or failing just means no position. */
import Taro from '@tarojs/taro';
import type { GeoPoint } from '../shared/cases/model';
import { requestPrivacyConsent } from './use-privacy-consent';

/** A browser may never answer the permission question: give up after this long. */
const LOCATION_TIMEOUT_MS = 10_000;

/** Asks for consent and the position (GCJ-02, what WeChat maps use); resolves null on refusal, failure or timeout. */
export async function tryLocation(): Promise<GeoPoint | null> {
  if (!(await requestPrivacyConsent())) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOCATION_TIMEOUT_MS);
  });
  const located = Taro.getLocation({ type: 'gcj02' }).then(
    ({ latitude, longitude }) => ({ latitude, longitude }),
    () => null,
  );
  try {
    return await Promise.race([located, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
