import { type KeyValueStorage } from './elder-mode';
import { type Platform } from './platform';

/** Storage key of the h5 agreement (WeChat keeps the weapp one itself). */
export const PRIVACY_CONSENT_STORAGE_KEY = 'lianxin.privacyConsent';

/** The id of the 同意 button; WeChat checks that this very button was tapped before it lets the paused API go on. */
export const PRIVACY_AGREE_BUTTON_ID = 'lianxin-privacy-agree';

/** What wx.onNeedPrivacyAuthorization's resolve accepts (same shape as Taro's ResolveOption). */
export interface PrivacyResolveOption {
  event: 'exposureAuthorization' | 'agree' | 'disagree';
  buttonId?: string;
}

/** The consent screen's state, shared by every page that can show it. */
export interface PrivacyConsentController {
  /** Whether the consent screen should be on screen now. */
  isVisible(): boolean;
  subscribe(listener: (visible: boolean) => void): () => void;
  /** weapp: WeChat paused a privacy API (or a requirePrivacyAuthorize) until the user decides. */
  onNeedAuthorization(resolve: (option: PrivacyResolveOption) => void): void;
  /** h5: resolves true at once when already agreed, else shows the screen and resolves with the user's answer. */
  request(): Promise<boolean>;
  /** The user tapped 同意 or 不同意 on the screen. */
  decide(agreed: boolean): void;
  /** h5: whether an agreement is on record. */
  hasAgreed(): boolean;
  /** h5: forget the agreement (the privacy page offers 撤回同意); the screen comes back before the next collection. */
  withdraw(): void;
}

/** Creates the controller; on weapp agreement lives in WeChat, on h5 in storage. */
export function createPrivacyConsentController(storage: KeyValueStorage, platform: Platform): PrivacyConsentController {
  let visible = false;
  const listeners = new Set<(visible: boolean) => void>();
  let wechatResolvers: Array<(option: PrivacyResolveOption) => void> = [];
  let waiting: Array<(agreed: boolean) => void> = [];

  const show = (next: boolean) => {
    if (visible === next) return;
    visible = next;
    listeners.forEach((listener) => listener(visible));
  };
  const hasAgreed = () => platform === 'h5' && storage.get(PRIVACY_CONSENT_STORAGE_KEY) === true;

  return {
    isVisible: () => visible,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onNeedAuthorization(resolve) {
      wechatResolvers.push(resolve);
      // WeChat asks to be told when the screen is actually shown.
      resolve({ event: 'exposureAuthorization' });
      show(true);
    },
    request() {
      if (hasAgreed()) return Promise.resolve(true);
      show(true);
      return new Promise((resolve) => waiting.push(resolve));
    },
    decide(agreed) {
      if (platform === 'h5') storage.set(PRIVACY_CONSENT_STORAGE_KEY, agreed);
      const option: PrivacyResolveOption = agreed
        ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID }
        : { event: 'disagree' };
      const resolvers = wechatResolvers;
      const callers = waiting;
      wechatResolvers = [];
      waiting = [];
      resolvers.forEach((resolve) => resolve(option));
      callers.forEach((resolve) => resolve(agreed));
      show(false);
    },
    hasAgreed,
    withdraw() {
      storage.set(PRIVACY_CONSENT_STORAGE_KEY, false);
    },
  };
}
