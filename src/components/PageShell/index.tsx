import { View } from '@tarojs/components';
import { type PropsWithChildren } from 'react';
import { useElderMode } from '@/lib/use-elder-mode';
import { useUnreadOnTabShow } from '@/lib/use-unread';
import PrivacyConsent from '@/components/PrivacyConsent';
import SubscribePrompt from '@/components/SubscribePrompt';

/**
 * Every page's root: applies 长辈模式, hosts the privacy consent sheet (the privacy page shows its own buttons) and,
 * on h5, the imitation of WeChat's subscribe prompt. On tab pages it refreshes the unread badge each time they show.
 */
export default function PageShell({ children, consentSheet = true }: PropsWithChildren<{ consentSheet?: boolean }>) {
  const [elder] = useElderMode();
  useUnreadOnTabShow();
  return (
    <View className={elder ? 'lx-page lx-elder' : 'lx-page'}>
      {children}
      {consentSheet ? <PrivacyConsent /> : null}
      {process.env.TARO_ENV === 'h5' ? <SubscribePrompt /> : null}
    </View>
  );
}
