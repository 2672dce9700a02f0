import { View } from '@tarojs/components';
import { type PropsWithChildren } from 'react';
import { useElderMode } from '@/lib/use-elder-mode';
import PrivacyConsent from '@/components/PrivacyConsent';

/** Every page's root: applies 长辈模式 and hosts the privacy consent screen. */
export default function PageShell({ children }: PropsWithChildren) {
  const [elder] = useElderMode();
  return (
    <View className={elder ? 'lx-page lx-elder' : 'lx-page'}>
      {children}
      <PrivacyConsent />
    </View>
  );
}
