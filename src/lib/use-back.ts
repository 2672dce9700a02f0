/** The 返回 of the page a component sits on: computed once when the page mounts, carried out with Taro. */
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { backTarget, HOME_PAGE, type BackTarget } from './back';
import { currentPagePath } from './use-privacy-consent';

const here = (): BackTarget => backTarget(currentPagePath(), Taro.getCurrentPages().length);

/**
 * The page's 返回, read when the page shows: a page mounting during a switchTab still sees the old route, so reading
 * it at mount would flash a 返回 on a tab page.
 */
export function useBackTarget(): BackTarget {
  const [target, setTarget] = useState<BackTarget>(null);
  useDidShow(() => setTarget(here()));
  return target;
}

/** Goes back one page, or home when nothing is below (or going back fails). */
export function goBack(target: 'back' | 'home'): void {
  const home = () => void Taro.switchTab({ url: HOME_PAGE });
  if (target === 'home') home();
  else void Taro.navigateBack().catch(home);
}
