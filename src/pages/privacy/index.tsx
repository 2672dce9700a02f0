import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import { ConsentActions } from '@/components/PrivacyConsent';
import { currentPlatform } from '@/lib/platform';
import { privacyConsent, usePrivacyConsentVisible } from '@/lib/use-privacy-consent';
import { PRIVACY_SECTIONS, PRIVACY_UPDATED } from './content';
import './index.css';

/** h5 keeps the agreement itself, so the page shows it and lets the user withdraw it. */
function H5ConsentStatus() {
  const [agreed, setAgreed] = useState(() => privacyConsent().hasAgreed());
  useDidShow(() => setAgreed(privacyConsent().hasAgreed()));
  const withdraw = () => {
    privacyConsent().withdraw();
    setAgreed(false);
    void Taro.showToast({ title: '已撤回同意', icon: 'none' });
  };
  return (
    <View className="lx-card">
      <Text className="privacy__status">{agreed ? '你已同意本指引。' : '你尚未同意本指引。'}</Text>
      {agreed ? (
        <Button size="large" block onClick={withdraw}>
          撤回同意
        </Button>
      ) : null}
    </View>
  );
}

/** 用户隐私保护指引: what is collected, why, for how long, the user's rights, and whom to contact. */
export default function PrivacyPage() {
  const weapp = currentPlatform() === 'weapp';
  // Opened from the consent sheet: answer here, then go back to what asked for consent.
  const pending = usePrivacyConsentVisible();
  return (
    <PageShell consentSheet={false}>
      <View className="lx-card">
        <Text className="privacy__title">连心 用户隐私保护指引</Text>
        <Text className="lx-muted">更新日期：{PRIVACY_UPDATED}</Text>
        <Text className="privacy__lead">
          “连心”是基层党群服务小程序。我们只收集办理事项所必需的最少信息，你不需要注册，也可以不留姓名和电话提交意见。
        </Text>
      </View>
      {PRIVACY_SECTIONS.map((section) => (
        <View className="lx-card" key={section.title}>
          <Text className="privacy__heading">{section.title}</Text>
          {section.paragraphs.map((paragraph) => (
            <Text className="privacy__paragraph" key={paragraph}>
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
      {pending ? (
        <View className="lx-card">
          <Text className="privacy__status">请阅读以上内容后选择是否同意。</Text>
          <ConsentActions onDecided={() => void Taro.navigateBack()} />
        </View>
      ) : weapp ? (
        <Button size="large" block onClick={() => Taro.openPrivacyContract()}>
          查看微信登记的隐私保护指引
        </Button>
      ) : (
        <H5ConsentStatus />
      )}
    </PageShell>
  );
}
