import { Text } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Edit } from '@nutui/icons-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import Placeholder from '@/components/Placeholder';
import { requestPrivacyConsent } from '@/lib/use-privacy-consent';

/** 我要提意见: the form comes with the opinions issue; consent is asked here because the form collects personal data. */
export default function OpinionFormPage() {
  const [agreed, setAgreed] = useState<boolean | undefined>(undefined);
  const ask = () => void requestPrivacyConsent().then(setAgreed);
  useLoad(ask);
  return (
    <PageShell>
      <Placeholder icon={<Edit size={40} color="#c8161d" />} title="意见表单即将上线" description="姓名和电话可以不填；提交后可在“意见 › 我的意见”查看办理进度" />
      {agreed === false ? (
        <>
          <Text className="lx-section-title">你没有同意隐私保护指引，暂时不能提交意见。</Text>
          <Button type="primary" size="large" block onClick={ask}>
            重新查看隐私保护指引
          </Button>
        </>
      ) : null}
      <Text className="lx-section-title">也可以拨打 12345 热线反映问题。</Text>
      <Button size="large" block onClick={() => Taro.navigateBack()}>
        返回
      </Button>
    </PageShell>
  );
}
