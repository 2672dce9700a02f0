import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call } from '@/services';
import { studio, type ServicePointView, type StudioQr } from '@/shared/contracts/studio';
import { errorMessage } from '@/lib/errors';

/** What a printed card points at: the mini-program page path on weapp, a full link on h5. */
function target(qr: StudioQr): string {
  if (process.env.TARO_ENV === 'h5') return `${window.location.origin}${qr.h5Path}`;
  return qr.path;
}

/** 意见征询码 for staff to print: one for the studio and one per 流动服务点, each opening the form with the place filled in. */
export default function QrPaths({ studioId, points }: { studioId: string; points: ServicePointView[] }) {
  const [codes, setCodes] = useState<StudioQr[] | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    setError('');
    try {
      const all = await Promise.all([
        call(studio.qr, { studioId }),
        ...points.map((point) => call(studio.qr, { servicePointId: point.id })),
      ]);
      setCodes(all);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const copy = (value: string) => () =>
    void Taro.setClipboardData({ data: value }).then(
      () => Taro.showToast({ title: '已复制', icon: 'success' }),
      () => undefined,
    );

  return (
    <>
      <Text className="lx-section-title">意见征询码（供工作人员打印）</Text>
      <View className="lx-card studio-qr">
        {codes === null ? (
          <Button size="large" block loading={busy} onClick={() => void load()}>
            显示意见征询码
          </Button>
        ) : null}
        {error ? <Text className="lx-error__message">{error}</Text> : null}
        {(codes ?? []).map((qr) => (
          <View key={qr.path} className="studio-qr__item">
            <Text className="studio-qr__title">{qr.title}</Text>
            {process.env.TARO_ENV === 'h5' ? (
              <a className="studio-qr__link" href={target(qr)} target="_blank" rel="noreferrer">
                {target(qr)}
              </a>
            ) : (
              <Text className="studio-qr__path" userSelect>
                {target(qr)}
              </Text>
            )}
            <Text className="lx-muted">
              {process.env.TARO_ENV === 'h5' ? '扫码或打开链接即进入预填了地点的意见表' : '小程序页面路径：在微信公众平台“获取小程序码”中填入即可生成可打印的码'}
            </Text>
            <Button size="normal" onClick={copy(target(qr))}>
              {process.env.TARO_ENV === 'h5' ? '复制链接' : '复制路径'}
            </Button>
          </View>
        ))}
      </View>
    </>
  );
}
