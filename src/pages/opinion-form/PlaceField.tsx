import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import Choices from '@/components/Choices';
import FormField from '@/components/FormField';
import { call } from '@/services';
import { studio } from '@/shared/contracts/studio';
import { useLoad } from '@/lib/use-load';

interface PlaceFieldProps {
  studioId: string;
  servicePointId: string;
  error?: string;
  onChange: (studioId: string, servicePointId: string) => void;
}

/** Which 党代表工作室 (and 流动服务点) the form goes to: filled in from a QR code or the studio page, else chosen here. */
export default function PlaceField({ studioId, servicePointId, error, onChange }: PlaceFieldProps) {
  const studios = useLoad(() => call(studio.list, {}));
  const [picking, setPicking] = useState(!studioId);
  const [pointName, setPointName] = useState('');

  // A place filled in after the first render (a service point's code, looked up) shows as chosen, not as a choice.
  useEffect(() => {
    if (studioId) setPicking(false);
  }, [studioId]);

  useEffect(() => {
    if (!studioId || !servicePointId) {
      setPointName('');
      return;
    }
    let current = true;
    call(studio.get, { id: studioId }).then(
      (detail) => current && setPointName(detail.servicePoints.find((point) => point.id === servicePointId)?.name ?? ''),
      () => current && setPointName(''),
    );
    return () => {
      current = false;
    };
  }, [studioId, servicePointId]);

  const list = studios.state.status === 'ready' ? studios.state.data.studios : [];
  const chosen = list.find((item) => item.id === studioId);

  return (
    <FormField label="反映给哪个党代表工作室" error={error}>
      {studios.state.status === 'loading' ? <Text className="lx-muted">正在加载…</Text> : null}
      {studios.state.status === 'error' ? (
        <Button size="normal" onClick={() => void studios.reload()}>
          工作室没有加载出来，点此重试
        </Button>
      ) : null}
      {chosen && !picking ? (
        <View className="form-place">
          <View className="form-place__names">
            <Text className="form-place__name">{chosen.name}</Text>
            {pointName ? <Text className="lx-muted">{pointName}</Text> : null}
          </View>
          <Button size="normal" onClick={() => setPicking(true)}>
            换一个
          </Button>
        </View>
      ) : null}
      {studios.state.status === 'ready' && (picking || !chosen) ? (
        <Choices
          label="党代表工作室"
          options={list.map((item) => ({ key: item.id, label: item.name }))}
          value={studioId}
          onChange={(key) => {
            onChange(key, key === studioId ? servicePointId : '');
            setPicking(false);
          }}
        />
      ) : null}
    </FormField>
  );
}
