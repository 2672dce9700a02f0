import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import Choices from '@/components/Choices';
import FormField from '@/components/FormField';
import { call } from '@/services';
import { parseInput } from '@/shared/contract';
import type { Solved } from '@/shared/cases/model';
import { cases } from '@/shared/contracts/case';
import { NEXT_REPLY_TEMPLATES } from '@/shared/notify';
import { SOLVED_CHOICES } from '@/lib/case-timeline';
import { askSubscription } from '@/lib/subscribe';
import type { CaseAction } from './use-case-action';

const STARS = [1, 2, 3, 4, 5];
const SOLVED_OPTIONS = SOLVED_CHOICES.map((choice) => ({ key: choice.value, label: choice.label }));

/**
 * The resident's two-part rating of a reply; the reporter's 否 sends the case back to be handled again (重办). A 我也遇到
 * co-reporter (`own`) rates for themselves only: their answer never changes the case or the reporter's rating.
 */
export default function RateForm({ id, action, own = false }: { id: string; action: CaseAction; own?: boolean }) {
  const [attitude, setAttitude] = useState(0);
  const [solved, setSolved] = useState<Solved | ''>('');
  const send = () =>
    void action.run(
      async () => {
        // The contract's own schema names what is missing (no stars, no answer) before anything is sent.
        const input = parseInput(cases.rate, { id, attitude, solved });
        // 否 means another reply will come: ask for its WeChat reminder now, from this tap (WeChat asks only from one).
        if (input.solved === 'no' && !own) await askSubscription([...NEXT_REPLY_TEMPLATES]);
        return call(cases.rate, input);
      },
      solved === 'no' && !own ? '已重新交办' : '谢谢你的评价',
    );
  return (
    <View className="lx-card case-rate">
      <Text className="case-rate__title">请评价这次办理</Text>
      <Text className="lx-muted">
        {own
          ? '你的评价只记在你自己名下，不会改变提交人的评价和办理结果。承办代表看不到每一条评价。'
          : '承办代表看不到你的评价，只能看到多件意见合在一起的满意情况。'}
      </Text>
      <FormField label="办理态度" error={action.fields.attitude}>
        <View className="case-stars" ariaRole="radiogroup" ariaLabel="办理态度">
          {STARS.map((star) => (
            <View key={star} className="case-star" ariaRole="radio" ariaLabel={`${star} 星`} onClick={() => setAttitude(star)}>
              <Text className={star <= attitude ? 'case-star__glyph case-star__glyph--on' : 'case-star__glyph'}>★</Text>
            </View>
          ))}
        </View>
      </FormField>
      <FormField label="问题是否解决" error={action.fields.solved} hint={own ? undefined : '选“否”会重新交给代表办理'}>
        <Choices label="问题是否解决" options={SOLVED_OPTIONS} value={solved} onChange={setSolved} />
      </FormField>
      {action.error ? <Text className="lx-field-error">{action.error}</Text> : null}
      <Button type="primary" size="large" block loading={action.busy} onClick={send}>
        提交评价
      </Button>
    </View>
  );
}
