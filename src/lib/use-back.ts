/** The 返回 of the page a component sits on: computed once when the page mounts, carried out with Taro. */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { backTarget, HOME_PAGE, type BackTarget } from './back';
import { currentPagePath } from './use-privacy-consent';

export function useBackTarget(): BackTarget {
  const [target] = useState(() => backTarget(currentPagePath(), Taro.getCurrentPages().length));
  return target;
}

/** Goes back one page, or home when nothing is below (or going back fails). */
export function goBack(target: 'back' | 'home'): void {
  const home = () => void Taro.switchTab({ url: HOME_PAGE });
  if (target === 'home') home();
  else void Taro.navigateBack().catch(home);
}
