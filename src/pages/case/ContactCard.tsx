import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call } from '@/services';
import type { CaseContact } from '@/shared/cases/model';
import { cases, type CaseView } from '@/shared/contracts/case';
import { errorMessage } from '@/lib/errors';

/** Staff only: the reporter's contact, masked; the full phone only on request, and that read is recorded. */
export default function ContactCard({ view }: { view: CaseView }) {
  const [revealed, setRevealed] = useState<CaseContact | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    setBusy(true);
    setError('');
    try {
      setRevealed((await call(cases.contact, { id: view._id })).contact);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const contact = revealed ?? view.contact;
  return (
    <View className="lx-card case-contact">
      <Text className="case-contact__title">居民联系方式</Text>
      {view.contactHidden ? <Text className="lx-muted">居民选择不向代表公开联系方式；需要回访请联系辖区管理员。</Text> : null}
      {!view.contactHidden && !contact?.name && !contact?.phone ? <Text className="lx-muted">居民没有留联系方式。</Text> : null}
      {contact?.name ? <Text>称呼：{contact.name}</Text> : null}
      {contact?.phone ? <Text>电话：{contact.phone}</Text> : null}
      {revealed?.phone ? (
        <Button size="large" block onClick={() => void Taro.makePhoneCall({ phoneNumber: revealed.phone ?? '' }).catch(() => undefined)}>
          拨打电话
        </Button>
      ) : null}
      {!revealed && view.contact?.phone ? (
        <Button size="large" block loading={busy} onClick={() => void reveal()}>
          查看联系方式（会留痕）
        </Button>
      ) : null}
      {error ? <Text className="lx-field-error">{error}</Text> : null}
    </View>
  );
}
