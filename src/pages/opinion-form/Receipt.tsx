import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import PageShell from '@/components/PageShell';
import { casePage } from '@/shared/contracts/case';
import { askSubscription } from '@/lib/subscribe';
import { CASE_FOLLOWER_TEMPLATES } from '@/shared/notify';
import type { Submitted } from './use-opinion-form';

interface ReceiptProps {
  submitted: Submitted;
  paper: boolean;
  onAgain: () => void;
}

/** After submitting: the receipt number, big; ask for progress reminders (a natural moment, from the tap); open the case. */
export default function Receipt({ submitted, paper, onAgain }: ReceiptProps) {
  const subscribe = async () => {
    const accepted = await askSubscription([...CASE_FOLLOWER_TEMPLATES]);
    void Taro.showToast({ title: accepted.length ? '已订阅，答复后会在微信里提醒你' : '未订阅，进度仍可在消息中心查看', icon: 'none' });
  };
  return (
    <PageShell>
      <View className="lx-card form-receipt">
        <Text className="form-receipt__done">{paper ? '已录入' : '提交成功'}</Text>
        <Text className="lx-muted">回执编号</Text>
        <Text className="lx-receipt-no">{submitted.receiptNo}</Text>
        {paper && submitted.claimCode ? (
          <>
            <Text className="lx-muted">认领码</Text>
            <Text className="form-receipt__claim-code">{submitted.claimCode}</Text>
          </>
        ) : null}
        <Text className="form-receipt__hint">
          {paper
            ? '请把回执编号和认领码写在纸质回执上交给居民本人，居民在“意见 › 我的意见”凭这两项认领。认领码只在这里显示一次，不要告诉别人。'
            : '请记下回执编号。办理进度会在“意见 › 我的意见”和消息中心显示。'}
        </Text>
      </View>
      {paper ? null : (
        <Button type="primary" size="xlarge" block onClick={() => void subscribe()}>
          订阅答复提醒
        </Button>
      )}
      <View className="form-receipt__actions">
        <Button size="large" block onClick={() => void Taro.redirectTo({ url: casePage(submitted.id) })}>
          查看办理进度
        </Button>
        <Button size="large" block onClick={onAgain}>
          {paper ? '再录入一份' : '再提一条意见'}
        </Button>
      </View>
    </PageShell>
  );
}
