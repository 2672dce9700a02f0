import { Text, View } from '@tarojs/components';
import { type PropsWithChildren, useEffect } from 'react';
import { BACK_LABEL } from '@/lib/back';
import { goBack, useBackTarget } from '@/lib/use-back';
import { useElderMode } from '@/lib/use-elder-mode';
import { useUnreadOnTabShow } from '@/lib/use-unread';
import PrivacyConsent from '@/components/PrivacyConsent';
import SubscribePrompt from '@/components/SubscribePrompt';
import './index.css';

const H5 = process.env.TARO_ENV === 'h5';

/** h5 sub-pages: a visible 返回 (回首页 when the page was opened on its own). weapp has WeChat's back arrow. */
function BackBar() {
  const target = useBackTarget();
  if (!target) return null;
  return (
    <View className="lx-back" ariaRole="button" ariaLabel={BACK_LABEL[target]} hoverClass="lx-back--pressed" onClick={() => goBack(target)}>
      <Text className="lx-back__arrow">‹</Text>
      <Text>{BACK_LABEL[target]}</Text>
    </View>
  );
}

/**
 * Every page's root: applies 长辈模式, hosts the privacy consent sheet (the privacy page shows its own buttons) and,
 * on h5, a 返回 on sub-pages and the imitation of WeChat's subscribe prompt. On tab pages it refreshes the unread
 * badge each time they show.
 */
export default function PageShell({ children, consentSheet = true }: PropsWithChildren<{ consentSheet?: boolean }>) {
  const [elder] = useElderMode();
  useUnreadOnTabShow();
  // h5: the tab bar lies outside every page; the document carries 长辈模式 so its labels grow too (app.css).
  useEffect(() => {
    if (H5) document.documentElement.classList.toggle('lx-elder-root', elder);
  }, [elder]);
  return (
    <View className={elder ? 'lx-page lx-elder' : 'lx-page'}>
      {H5 ? <BackBar /> : null}
      {children}
      {consentSheet ? <PrivacyConsent /> : null}
      {H5 ? <SubscribePrompt /> : null}
    </View>
  );
}
