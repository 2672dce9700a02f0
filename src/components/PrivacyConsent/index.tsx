import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { currentPlatform } from '@/lib/platform';
import { PRIVACY_AGREE_BUTTON_ID } from '@/lib/privacy-consent';
import { privacyConsent, usePrivacyConsentVisible } from '@/lib/use-privacy-consent';
import './index.css';

export const PRIVACY_PAGE_URL = '/pages/privacy/index';

/** The 用户隐私保护指引 consent sheet, shown whenever personal data is about to be collected. */
export default function PrivacyConsent() {
  const visible = usePrivacyConsentVisible();
  const weapp = currentPlatform() === 'weapp';
  const agree = () => privacyConsent().decide(true);
  return (
    <Popup visible={visible} position="bottom" round closeable={false} closeOnOverlayClick={false}>
      <View className="lx-consent">
        <Text className="lx-consent__title">用户隐私保护指引</Text>
        <Text className="lx-consent__text">
          在你使用“连心”提交意见、上传照片或使用位置之前，请阅读并同意我们的《用户隐私保护指引》。我们只收集办理事项所必需的信息，不会用于其他目的。
        </Text>
        <Text className="lx-consent__link" onClick={() => Taro.navigateTo({ url: PRIVACY_PAGE_URL })}>
          查看《用户隐私保护指引》全文
        </Text>
        <View className="lx-consent__actions">
          <Button className="lx-consent__button" size="large" onClick={() => privacyConsent().decide(false)}>
            不同意
          </Button>
          {/* weapp: WeChat records the agreement only from a button with this open-type. */}
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="lx-consent__button"
            type="primary"
            size="large"
            openType={weapp ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={weapp ? agree : undefined}
            onClick={weapp ? undefined : agree}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </Popup>
  );
}
