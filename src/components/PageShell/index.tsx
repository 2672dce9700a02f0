import { View } from '@tarojs/components';
import { type PropsWithChildren } from 'react';
import { useElderMode } from '@/lib/use-elder-mode';
import PrivacyConsent from '@/components/PrivacyConsent';

/** Every page's root: applies 长辈模式 and hosts the privacy consent sheet (the privacy page shows its own buttons). */
export default function PageShell({ children, consentSheet = true }: PropsWithChildren<{ consentSheet?: boolean }>) {
  const [elder] = useElderMode();
  return (
    <View className={elder ? 'lx-page lx-elder' : 'lx-page'}>
      {children}
      {consentSheet ? <PrivacyConsent /> : null}
    </View>
  );
}
