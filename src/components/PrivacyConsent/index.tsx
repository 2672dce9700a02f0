import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { currentPlatform } from '@/lib/platform';
import { PRIVACY_AGREE_BUTTON_ID } from '@/lib/privacy-consent';
import { isTabPage } from '@/lib/tabs';
import { useElderMode } from '@/lib/use-elder-mode';
import { privacyConsent, usePagePath, usePrivacyConsentVisible } from '@/lib/use-privacy-consent';
import './index.css';

export const PRIVACY_PAGE_URL = '/pages/privacy/index';

/** 不同意 / 同意并继续. On weapp WeChat records the agreement only from a button with this open-type and id. */
export function ConsentActions({ onDecided }: { onDecided?: (agreed: boolean) => void }) {
  const weapp = currentPlatform() === 'weapp';
  const decide = (agreed: boolean) => () => {
    privacyConsent().decide(agreed);
    onDecided?.(agreed);
  };
  return (
    <View className="lx-consent__actions">
      <Button className="lx-consent__button" size="large" onClick={decide(false)}>
        不同意
      </Button>
      <Button
        id={PRIVACY_AGREE_BUTTON_ID}
        className="lx-consent__button"
        type="primary"
        size="large"
        openType={weapp ? 'agreePrivacyAuthorization' : undefined}
        onAgreePrivacyAuthorization={weapp ? decide(true) : undefined}
        onClick={weapp ? undefined : decide(true)}
      >
        同意并继续
      </Button>
    </View>
  );
}

/** h5: the height of Taro's tab bar on screen (0 when there is none). */
function tabBarHeight(): number {
  return document.querySelector('.weui-tabbar')?.getBoundingClientRect().height ?? 0;
}

// Set while the full text is open from the sheet: leaving for it is not leaving the question unanswered.
let readingFullText = false;

const openFullText = () => {
  readingFullText = true;
  void Taro.navigateTo({ url: PRIVACY_PAGE_URL }).catch(() => {
    readingFullText = false;
  });
};

/**
 * The 用户隐私保护指引 consent sheet, shown whenever personal data is about to be collected — on the page that asked
 * only. Leaving that page without answering drops the question, so the sheet never follows the user to another page
 * (nor covers the tab bar there).
 */
export default function PrivacyConsent() {
  const requested = usePrivacyConsentVisible();
  const page = usePagePath();
  // Lifecycle callbacks below read the page through a ref: it may be corrected after they were registered.
  const pageRef = useRef(page);
  pageRef.current = page;
  const dropIfMine = () => {
    if (privacyConsent().isVisible() && privacyConsent().owner() === pageRef.current && !readingFullText) privacyConsent().dismiss();
  };
  const owner = privacyConsent().owner();
  const mine = requested && (owner === undefined || owner === page);
  // Pages below the current one stay mounted: only the page on screen shows the sheet.
  const [pageShown, setPageShown] = useState(true);
  useDidShow(() => {
    setPageShown(true);
    readingFullText = false;
  });
  useDidHide(() => {
    setPageShown(false);
    dropIfMine();
  });
  // The page closed (navigateBack, or a switchTab that closes it) without an answer.
  useEffect(() => dropIfMine, []);
  const [elder] = useElderMode();
  // h5: render into <body> so Taro's tab bar (z-index 500, outside the page) cannot cover the buttons — and on a tab
  // page sit above the tab bar rather than over it, so the user can still leave by a tab.
  const h5 = currentPlatform() === 'h5';
  const portal = h5 ? document.body : undefined;
  const tabBar = h5 && page !== undefined && isTabPage(page) ? tabBarHeight() : 0;
  const aboveTabBar = tabBar > 0 ? { bottom: `${tabBar}px` } : undefined;
  const overlayAboveTabBar = tabBar > 0 ? { top: 0, bottom: `${tabBar}px`, height: 'auto' } : undefined;
  return (
    <Popup
      visible={mine && pageShown}
      position="bottom"
      round
      closeable={false}
      closeOnOverlayClick={false}
      portal={portal}
      style={aboveTabBar}
      overlayStyle={overlayAboveTabBar}
      className={elder ? 'lx-elder' : undefined}
    >
      <View className="lx-consent">
        <Text className="lx-consent__title">用户隐私保护指引</Text>
        <Text className="lx-consent__text">
          在你使用“连心”提交意见、上传照片或使用位置之前，请阅读并同意我们的《用户隐私保护指引》。我们只收集办理事项所必需的信息，不会用于其他目的。
        </Text>
        <Text className="lx-consent__link" onClick={openFullText}>
          查看《用户隐私保护指引》全文
        </Text>
        <ConsentActions />
      </View>
    </Popup>
  );
}
