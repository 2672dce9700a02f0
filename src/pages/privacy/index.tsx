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

/** h5 keeps the agreement itself, so the page shows it and lets the user give or withdraw it. */
function H5ConsentStatus() {
  const [agreed, setAgreed] = useState(() => privacyConsent().hasAgreed());
  useDidShow(() => setAgreed(privacyConsent().hasAgreed()));
  const withdraw = () => {
    privacyConsent().withdraw();
    setAgreed(false);
    void Taro.showToast({ title: '已撤回同意', icon: 'none' });
  };
  const agree = () => {
    privacyConsent().decide(true);
    setAgreed(true);
    void Taro.showToast({ title: '已同意', icon: 'none' });
  };
  return (
    <View className="lx-card">
      <Text className="privacy__status">{agreed ? '你已同意本指引。' : '你还没有同意本指引：提意见、上传照片、使用位置之前会再问你。'}</Text>
      <Button size="large" block type={agreed ? 'default' : 'primary'} onClick={agreed ? withdraw : agree}>
        {agreed ? '撤回同意' : '同意本指引'}
      </Button>
    </View>
  );
}

/**
 * weapp: WeChat keeps the agreement. Agreeing goes through WeChat's own button; WeChat offers no way to take it back
 * from inside the mini-program, so 撤回同意 says how.
 */
function WeappConsentStatus() {
  const [needed, setNeeded] = useState<boolean | undefined>(undefined);
  const check = () => {
    if (typeof Taro.getPrivacySetting !== 'function') return setNeeded(false);
    Taro.getPrivacySetting({ success: ({ needAuthorization }) => setNeeded(needAuthorization), fail: () => setNeeded(undefined) });
  };
  useDidShow(check);
  const withdraw = () =>
    void Taro.showModal({
      title: '撤回同意',
      content: '请通过本页“联系我们”提出，我们会停止使用你的个人信息；也可以点右上角“…”›“设置”，关掉位置、相册等权限。',
      showCancel: false,
      confirmText: '知道了',
    });
  return (
    <View className="lx-card">
      <Text className="privacy__status">{needed ? '你还没有同意本指引。' : needed === false ? '你已同意本指引。' : '请阅读以上内容。'}</Text>
      {needed ? <ConsentActions onDecided={check} /> : null}
      {needed === false ? (
        <Button size="large" block onClick={withdraw}>
          撤回同意
        </Button>
      ) : null}
      <Button size="large" block onClick={() => Taro.openPrivacyContract()}>
        查看微信登记的隐私保护指引
      </Button>
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
        <WeappConsentStatus />
      ) : (
        <H5ConsentStatus />
      )}
    </PageShell>
  );
}
