/**
 * 绑定党员身份: a party member links this WeChat to their entry on the branch roster — name + the last 4 digits of the
 * phone on the roster, or a one-time invite code from the branch. Residents never need it.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import FormField from '@/components/FormField';
import PageShell from '@/components/PageShell';
import Segmented from '@/components/Segmented';
import { ApiError, call } from '@/services';
import { roster } from '@/shared/contracts/roster';
import { errorMessage } from '@/lib/errors';
import { requestPrivacyConsent } from '@/lib/use-privacy-consent';

type Mode = 'phone' | 'code';
const MODES: Array<{ key: Mode; label: string }> = [
  { key: 'phone', label: '姓名 + 手机尾号' },
  { key: 'code', label: '邀请码' },
];

export default function BindPage() {
  const [mode, setMode] = useState<Mode>('phone');
  const [name, setName] = useState('');
  const [phoneTail, setPhoneTail] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [bound, setBound] = useState<{ name: string; branchName: string } | null>(null);
  // Name and phone digits are personal data: the privacy guide comes first (WeChat requires it before collecting).
  const [agreed, setAgreed] = useState<boolean | undefined>(undefined);
  const ask = () => void requestPrivacyConsent().then(setAgreed);
  useLoad(ask);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    setFields({});
    try {
      setBound(await call(roster.bind, mode === 'phone' ? { name, phoneTail } : { code }));
    } catch (failure) {
      const details = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      if (details) setFields(details);
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  if (bound) {
    return (
      <PageShell>
        <View className="lx-card">
          <Text className="lx-section-title">绑定成功</Text>
          <Text>
            {bound.name}，您已绑定为{bound.branchName}党员。以后支部的学习内容和通知会发到“消息中心”。
          </Text>
          <Button type="primary" size="large" block onClick={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' }))}>
            返回“我的”
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell>
      <View className="lx-card">
        <Text className="lx-muted">仅党员需要绑定：与支部党员名册核对后，您能收到本支部的学习内容和通知。居民提意见无需绑定。</Text>
      </View>
      <Segmented options={MODES} value={mode} onChange={setMode} />
      <View className="lx-card">
        {mode === 'phone' ? (
          <>
            <FormField label="姓名" hint="与党员名册上一致" error={fields.name}>
              <Input className="lx-input" name="name" value={name} maxlength={20} onInput={(event) => setName(event.detail.value)} />
            </FormField>
            <FormField label="手机号后 4 位" hint="名册上登记的手机号" error={fields.phoneTail}>
              <Input className="lx-input" name="phoneTail" type="number" value={phoneTail} maxlength={4} onInput={(event) => setPhoneTail(event.detail.value)} />
            </FormField>
          </>
        ) : (
          <FormField label="邀请码" hint="8 位字母或数字，由支部提供，一次有效" error={fields.code}>
            <Input className="lx-input" name="code" value={code} maxlength={8} onInput={(event) => setCode(event.detail.value)} />
          </FormField>
        )}
        {agreed === false ? (
          <View className="lx-error">
            <Text className="lx-error__message">您没有同意隐私保护指引，暂时不能绑定。</Text>
            <Button size="large" block onClick={ask}>
              重新查看隐私保护指引
            </Button>
          </View>
        ) : null}
        {error ? <Text className="lx-field-error">{error}</Text> : null}
        <Button type="primary" size="large" block loading={busy} disabled={agreed === false} onClick={() => void submit()}>
          绑定
        </Button>
      </View>
    </PageShell>
  );
}
