import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { subscribePrompt } from '@/lib/subscribe';
import { useElderMode } from '@/lib/use-elder-mode';
import './index.css';

/** h5 only: the sheet WeChat shows for requestSubscribeMessage, so the local build asks the same question. */
export default function SubscribePrompt() {
  const [titles, setTitles] = useState(() => subscribePrompt().current());
  useEffect(() => {
    setTitles(subscribePrompt().current());
    return subscribePrompt().subscribe(setTitles);
  }, []);
  // Pages below the current one stay mounted: only the page on screen shows the sheet.
  const [pageShown, setPageShown] = useState(true);
  useDidShow(() => setPageShown(true));
  useDidHide(() => setPageShown(false));
  const [elder] = useElderMode();
  const answer = (allowed: boolean) => () => subscribePrompt().answer(allowed);
  return (
    <Popup
      visible={titles !== null && pageShown}
      position="bottom"
      round
      closeable={false}
      onOverlayClick={() => {
        subscribePrompt().answer(false);
        return true;
      }}
      // Above Taro's h5 tab bar, which sits outside the page.
      portal={document.body}
      className={elder ? 'lx-elder' : undefined}
    >
      <View className="lx-subscribe" role="dialog" aria-label="订阅消息">
        <Text className="lx-subscribe__title">“连心”申请向你发送以下消息</Text>
        {(titles ?? []).map((title) => (
          <View className="lx-subscribe__item" key={title}>
            <Text className="lx-subscribe__check">✓</Text>
            <Text>{title}</Text>
          </View>
        ))}
        <Text className="lx-subscribe__hint">每次允许，连心可以给你发一条提醒；不允许也能在消息中心看到。</Text>
        <View className="lx-subscribe__actions">
          <Button className="lx-subscribe__button" size="large" onClick={answer(false)}>
            取消
          </Button>
          <Button className="lx-subscribe__button lx-subscribe__allow" type="primary" size="large" onClick={answer(true)}>
            允许
          </Button>
        </View>
      </View>
    </Popup>
  );
}
