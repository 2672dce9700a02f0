import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import PageShell from '@/components/PageShell';

/**
 * After submitting a form WeChat's content check was unsure about: it is not lost and not refused — staff look at it
 * first. The result (with the receipt number, or the reason) arrives in the message centre.
 */
export default function HeldNotice({ onAgain }: { onAgain: () => void }) {
  return (
    <PageShell>
      <View className="lx-card form-receipt">
        <Text className="form-receipt__done">已收到，等待审核</Text>
        <Text className="form-receipt__hint">
          你的意见里有些字眼需要工作人员先看一下（例如提到了诈骗的说法）。审核通过后会转为正式意见并给你回执编号；结果会在“我的 › 消息中心”里通知你。
        </Text>
        <Text className="lx-muted">着急的话，也可以打电话给工作室，或到流动服务点当面反映。</Text>
      </View>
      <View className="form-receipt__actions">
        <Button size="large" block onClick={() => void Taro.switchTab({ url: '/pages/opinions/index' })}>
          回到意见页
        </Button>
        <Button size="large" block onClick={onAgain}>
          再提一条意见
        </Button>
      </View>
    </PageShell>
  );
}
