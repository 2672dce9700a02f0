import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { createElderModeStore, type ElderModeStore } from './elder-mode';
import { currentPlatform } from './platform';
import { taroStorage } from './taro-storage';

let store: ElderModeStore | undefined;

/** WeChat's 字体大小 setting; only weapp reports it. */
function wechatFontSize(): number | undefined {
  if (currentPlatform() !== 'weapp') return undefined;
  try {
    return Taro.getSystemInfoSync().fontSizeSetting;
  } catch {
    return undefined;
  }
}

/** The app-wide elder-mode store, created on first use (storage is not ready before the app starts). */
export function elderModeStore(): ElderModeStore {
  store ??= createElderModeStore(taroStorage, currentPlatform(), wechatFontSize);
  return store;
}

/** Current 长辈模式 state and its setter; re-renders when any page toggles it. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => elderModeStore().get());
  useEffect(() => {
    const current = elderModeStore();
    setOn(current.get());
    return current.subscribe(setOn);
  }, []);
  return [on, (next) => elderModeStore().set(next)];
}
