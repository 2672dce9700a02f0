import { type Platform } from './platform';

/** Storage key of the user's own choice (a boolean once they touched the switch). */
export const ELDER_MODE_STORAGE_KEY = 'lianxin.elderMode';

/** WeChat's standard font size is 17 px; anything above means the user asked for larger text. */
export const STANDARD_WECHAT_FONT_SIZE = 17;

/** What the elder-mode decision depends on. */
export interface ElderModeInputs {
  /** Whatever storage returned for ELDER_MODE_STORAGE_KEY ('' or undefined when never set). */
  stored: unknown;
  platform: Platform;
  /** WeChat's 字体大小 setting in px (getSystemInfoSync().fontSizeSetting); absent on h5. */
  fontSizeSetting?: number;
}

/** 长辈模式 is on when the user chose it, or — until they choose — when WeChat reports a large font. */
export function decideElderMode({ stored, platform, fontSizeSetting }: ElderModeInputs): boolean {
  if (typeof stored === 'boolean') return stored;
  return platform === 'weapp' && typeof fontSizeSetting === 'number' && fontSizeSetting > STANDARD_WECHAT_FONT_SIZE;
}

/** Where the store keeps the choice (Taro storage in the app, a Map in tests). */
export interface KeyValueStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** A tiny observable holding the current elder-mode state; every mounted page listens to it. */
export interface ElderModeStore {
  get(): boolean;
  set(on: boolean): void;
  subscribe(listener: (on: boolean) => void): () => void;
}

/** Creates the store: decides the initial state once, persists every explicit change. */
export function createElderModeStore(
  storage: KeyValueStorage,
  platform: Platform,
  fontSizeSetting: () => number | undefined,
): ElderModeStore {
  let on = decideElderMode({ stored: storage.get(ELDER_MODE_STORAGE_KEY), platform, fontSizeSetting: fontSizeSetting() });
  const listeners = new Set<(on: boolean) => void>();
  return {
    get: () => on,
    set(next) {
      storage.set(ELDER_MODE_STORAGE_KEY, next);
      if (next === on) return;
      on = next;
      listeners.forEach((listener) => listener(on));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
