import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call } from '@/services';
import { CLAIM_CODE_LABEL, casePage, cases } from '@/shared/contracts/case';
import FormField from '@/components/FormField';
import { errorMessage } from '@/lib/errors';

/**
 * 认领纸质意见表: a form handed in on paper becomes mine to follow once I type its receipt number and the 认领码 written
 * on the receipt (or the last 4 digits of the phone I gave on the form): the number alone would let anyone claim it.
 */
export default function ClaimPaper({ onClaimed }: { onClaimed: () => void }) {
  const [receiptNo, setReceiptNo] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const claim = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const { id } = await call(cases.claim, { receiptNo, code });
      setReceiptNo('');
      setCode('');
      onClaimed();
      void Taro.navigateTo({ url: casePage(id) });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="lx-card opinions-claim">
      <FormField label="认领纸质意见表" hint="在流动服务点填过纸质意见表？输入回执上的编号和认领码，就能在这里看办理进度。">
        <Input
          className="lx-input"
          name="receiptNo"
          placeholder="回执编号，如 LS-2026-000123"
          value={receiptNo}
          maxlength={32}
          onInput={(event) => {
            setReceiptNo(event.detail.value);
            setError('');
          }}
        />
      </FormField>
      <FormField label={CLAIM_CODE_LABEL} error={error}>
        <Input
          className="lx-input"
          name="claimCode"
          type="number"
          placeholder="6 位认领码，或手机号后 4 位"
          value={code}
          maxlength={6}
          onInput={(event) => {
            setCode(event.detail.value);
            setError('');
          }}
        />
      </FormField>
      <Button size="large" block loading={busy} onClick={() => void claim()}>
        认领
      </Button>
    </View>
  );
}
