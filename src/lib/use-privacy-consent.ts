import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { currentPlatform } from './platform';
import { pagePath } from './tabs';
import { createPrivacyConsentController, type PrivacyConsentController } from './privacy-consent';
import { taroStorage } from './taro-storage';

let controller: PrivacyConsentController | undefined;

/** The app-wide consent controller, created on first use. */
export function privacyConsent(): PrivacyConsentController {
  controller ??= createPrivacyConsentController(taroStorage, currentPlatform());
  return controller;
}

/** The page on screen now ('pages/opinion-form/index'): the consent screen belongs to the page that asked. */
export function currentPagePath(): string | undefined {
  const path = Taro.getCurrentInstance().router?.path;
  return path ? pagePath(path) : undefined;
}

/**
 * The path of the page a component sits on, read again whenever that page shows: a page that mounts during a
 * switchTab can still see the previous page's route on its first render.
 */
export function usePagePath(): string | undefined {
  const [path, setPath] = useState(currentPagePath);
  useDidShow(() => setPath(currentPagePath()));
  return path;
}

/** weapp: route WeChat's privacy pauses to our consent screen. Call once at launch. */
export function listenForPrivacyAuthorization(): void {
  if (currentPlatform() !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => privacyConsent().onNeedAuthorization(resolve, currentPagePath()));
}

/** Ask for consent before collecting personal data; resolves whether the user agreed. */
export function requestPrivacyConsent(): Promise<boolean> {
  if (currentPlatform() !== 'weapp') return privacyConsent().request(currentPagePath());
  // Old base libraries without the privacy API never ask: nothing to wait for.
  if (typeof Taro.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => {
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

/** Whether the consent screen is showing; re-renders when it opens or closes. */
export function usePrivacyConsentVisible(): boolean {
  const [visible, setVisible] = useState(() => privacyConsent().isVisible());
  useEffect(() => {
    setVisible(privacyConsent().isVisible());
    return privacyConsent().subscribe(setVisible);
  }, []);
  return visible;
}
