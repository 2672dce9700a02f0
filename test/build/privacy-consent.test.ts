import { type KeyValueStorage } from '@/lib/elder-mode';
import {
  createPrivacyConsentController,
  PRIVACY_AGREE_BUTTON_ID,
  type PrivacyResolveOption,
} from '@/lib/privacy-consent';

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, unknown>();
  return { get: (key) => data.get(key) ?? '', set: (key, value) => void data.set(key, value) };
}

describe('privacy consent on h5', () => {
  it('shows the consent screen before collecting, and resolves true when the user agrees', async () => {
    const consent = createPrivacyConsentController(memoryStorage(), 'h5');
    const answer = consent.request();
    expect(consent.isVisible()).toBe(true);
    consent.decide(true);
    await expect(answer).resolves.toBe(true);
    expect(consent.isVisible()).toBe(false);
  });

  it('does not show the screen again once the user agreed, even after a restart', async () => {
    const storage = memoryStorage();
    const first = createPrivacyConsentController(storage, 'h5');
    const answer = first.request();
    first.decide(true);
    await answer;
    const afterRestart = createPrivacyConsentController(storage, 'h5');
    await expect(afterRestart.request()).resolves.toBe(true);
    expect(afterRestart.isVisible()).toBe(false);
  });

  it('resolves false when the user declines, and asks again next time', async () => {
    const consent = createPrivacyConsentController(memoryStorage(), 'h5');
    const answer = consent.request();
    consent.decide(false);
    await expect(answer).resolves.toBe(false);
    void consent.request();
    expect(consent.isVisible()).toBe(true);
  });

  it('after withdrawing, the screen comes back before the next collection', async () => {
    const consent = createPrivacyConsentController(memoryStorage(), 'h5');
    const answer = consent.request();
    consent.decide(true);
    await answer;
    consent.withdraw();
    expect(consent.hasAgreed()).toBe(false);
    void consent.request();
    expect(consent.isVisible()).toBe(true);
  });
});

describe('privacy consent on weapp', () => {
  it("reports the screen's exposure to WeChat, then resumes the paused API with the agree button's id", () => {
    const consent = createPrivacyConsentController(memoryStorage(), 'weapp');
    const calls: PrivacyResolveOption[] = [];
    consent.onNeedAuthorization((option) => calls.push(option));
    expect(consent.isVisible()).toBe(true);
    consent.decide(true);
    expect(calls).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID }]);
    expect(consent.isVisible()).toBe(false);
  });

  it('tells WeChat "disagree" when the user declines, so the paused API fails instead of hanging', () => {
    const consent = createPrivacyConsentController(memoryStorage(), 'weapp');
    const calls: PrivacyResolveOption[] = [];
    consent.onNeedAuthorization((option) => calls.push(option));
    consent.decide(false);
    expect(calls.at(-1)).toEqual({ event: 'disagree' });
  });

  it('answers every API that was paused while the screen was up, once each', () => {
    const consent = createPrivacyConsentController(memoryStorage(), 'weapp');
    const first: PrivacyResolveOption[] = [];
    const second: PrivacyResolveOption[] = [];
    consent.onNeedAuthorization((option) => first.push(option));
    consent.onNeedAuthorization((option) => second.push(option));
    consent.decide(true);
    consent.decide(true);
    expect(first.filter((option) => option.event === 'agree')).toHaveLength(1);
    expect(second.filter((option) => option.event === 'agree')).toHaveLength(1);
  });

  it('notifies pages listening for the screen to open and close', () => {
    const consent = createPrivacyConsentController(memoryStorage(), 'weapp');
    const seen: boolean[] = [];
    consent.subscribe((visible) => seen.push(visible));
    consent.onNeedAuthorization(() => undefined);
    consent.decide(true);
    expect(seen).toEqual([true, false]);
  });
});
