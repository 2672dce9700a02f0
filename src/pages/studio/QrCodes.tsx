import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call } from '@/services';
import { studio, type ServicePointView, type StudioQr } from '@/shared/contracts/studio';
import { errorMessage } from '@/lib/errors';

const H5 = process.env.TARO_ENV === 'h5';

/** The form link a card carries on h5 (the code itself opens the mini-program page). */
function link(qr: StudioQr): string {
  return `${window.location.origin}${qr.h5Path}`;
}

function QrCard({ qr }: { qr: StudioQr }) {
  // Full screen: on weapp long-pressing the preview offers 保存图片, and the code is sharper than the thumbnail.
  const preview = () => void Taro.previewImage({ urls: [qr.imageUrl], current: qr.imageUrl });
  const copy = () =>
    void Taro.setClipboardData({ data: link(qr) }).then(
      () => Taro.showToast({ title: '已复制', icon: 'success' }),
      () => undefined,
    );
  return (
    <View className="studio-qr__item">
      <Text className="studio-qr__title">{qr.title}</Text>
      <View className="studio-qr__frame" ariaRole="button" ariaLabel={`查看${qr.title}的小程序码大图`} onClick={preview}>
        <Image className="studio-qr__image" src={qr.imageUrl} mode="aspectFit" showMenuByLongpress />
      </View>
      <Text className="lx-muted">长按保存图片后打印，张贴在工作室或服务点</Text>
      {H5 ? (
        <>
          <a className="studio-qr__link" href={qr.imageUrl} download={`${qr.title}.png`} target="_blank" rel="noreferrer">
            下载图片
          </a>
          <a className="studio-qr__link" href={link(qr)} target="_blank" rel="noreferrer">
            {link(qr)}
          </a>
          <Button size="normal" onClick={copy}>
            复制链接
          </Button>
        </>
      ) : null}
    </View>
  );
}

/** 意见征询码 for staff to print: one for the studio and one per 流动服务点, each opening the form with the place filled in. */
export default function QrCodes({ studioId, points }: { studioId: string; points: ServicePointView[] }) {
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
          <QrCard key={qr.fileID} qr={qr} />
        ))}
      </View>
    </>
  );
}
