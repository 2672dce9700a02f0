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
  /** weapp: WeChat paused a privacy API (or a requirePrivacyAuthorize) until the user decides, on page `owner`. */
  onNeedAuthorization(resolve: (option: PrivacyResolveOption) => void, owner?: string): void;
  /**
   * h5: resolves true at once when already agreed, else shows the screen on page `owner` (the page that asked) and
   * resolves with the user's answer.
   */
  request(owner?: string): Promise<boolean>;
  /** The page the screen belongs to: only that page shows it (undefined: whichever page is on screen). */
  owner(): string | undefined;
  /** The user tapped 同意 or 不同意 on the screen. */
  decide(agreed: boolean): void;
  /**
   * The user left the page that asked without answering: the question is dropped (whoever waits hears "not agreed",
   * nothing is stored) so the screen does not follow them to the next page.
   */
  dismiss(): void;
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
  let ownerPage: string | undefined;

  const show = (next: boolean) => {
    if (visible === next) return;
    visible = next;
    listeners.forEach((listener) => listener(visible));
  };
  const hasAgreed = () => platform === 'h5' && storage.get(PRIVACY_CONSENT_STORAGE_KEY) === true;
  /** Tells everyone waiting, and closes the screen. */
  const answer = (agreed: boolean) => {
    const option: PrivacyResolveOption = agreed ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' };
    const resolvers = wechatResolvers;
    const callers = waiting;
    wechatResolvers = [];
    waiting = [];
    ownerPage = undefined;
    resolvers.forEach((resolve) => resolve(option));
    callers.forEach((resolve) => resolve(agreed));
    show(false);
  };

  return {
    isVisible: () => visible,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onNeedAuthorization(resolve, owner) {
      wechatResolvers.push(resolve);
      ownerPage = owner;
      // WeChat asks to be told when the screen is actually shown.
      resolve({ event: 'exposureAuthorization' });
      show(true);
    },
    request(owner) {
      if (hasAgreed()) return Promise.resolve(true);
      ownerPage = owner;
      show(true);
      return new Promise((resolve) => waiting.push(resolve));
    },
    owner: () => ownerPage,
    decide(agreed) {
      if (platform === 'h5') storage.set(PRIVACY_CONSENT_STORAGE_KEY, agreed);
      answer(agreed);
    },
    dismiss() {
      if (visible) answer(false);
    },
    hasAgreed,
    withdraw() {
      storage.set(PRIVACY_CONSENT_STORAGE_KEY, false);
    },
  };
}
