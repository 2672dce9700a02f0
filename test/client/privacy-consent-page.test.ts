/** The consent sheet belongs to the page that asked: it never follows the user to another page. */
import { type KeyValueStorage } from '@/lib/elder-mode';
import { createPrivacyConsentController, PRIVACY_CONSENT_STORAGE_KEY, type PrivacyResolveOption } from '@/lib/privacy-consent';

function memoryStorage(): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (key) => data.get(key) ?? '', set: (key, value) => void data.set(key, value) };
}

test('the sheet names the page that asked, so only that page shows it', () => {
  const consent = createPrivacyConsentController(memoryStorage(), 'h5');
  void consent.request('pages/opinion-form/index');
  expect(consent.owner()).toBe('pages/opinion-form/index');
});

test('leaving the page without answering drops the question: the sheet closes, the page hears "no", nothing is stored', async () => {
  const storage = memoryStorage();
  const consent = createPrivacyConsentController(storage, 'h5');
  const answer = consent.request('pages/opinion-form/index');
  consent.dismiss();
  await expect(answer).resolves.toBe(false);
  expect(consent.isVisible()).toBe(false);
  expect(consent.owner()).toBeUndefined();
  expect(storage.data.has(PRIVACY_CONSENT_STORAGE_KEY)).toBe(false);
  // Asked again later, the sheet comes back.
  void consent.request('pages/opinion-form/index');
  expect(consent.isVisible()).toBe(true);
});

test('on weapp, leaving tells WeChat "disagree" so the paused API does not hang', () => {
  const consent = createPrivacyConsentController(memoryStorage(), 'weapp');
  const told: PrivacyResolveOption[] = [];
  consent.onNeedAuthorization((option) => told.push(option), 'pages/opinion-form/index');
  consent.dismiss();
  expect(told.map((option) => option.event)).toEqual(['exposureAuthorization', 'disagree']);
});

test('dropping a question nobody asked does nothing', () => {
  const consent = createPrivacyConsentController(memoryStorage(), 'h5');
  const seen: boolean[] = [];
  consent.subscribe((visible) => seen.push(visible));
  consent.dismiss();
  expect(seen).toEqual([]);
});
