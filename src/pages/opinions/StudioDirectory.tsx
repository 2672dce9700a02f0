import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import LoadState from '@/components/LoadState';
import { call } from '@/services';
import type { GeoPoint } from '@/shared/cases/model';
import { studio, type StudioSummary } from '@/shared/contracts/studio';
import { distanceText } from '@/lib/distance';
import { tryLocation } from '@/lib/location';
import { useLoad } from '@/lib/use-load';

const openStudio = (item: StudioSummary) => () => void Taro.navigateTo({ url: `/pages/studio/index?id=${encodeURIComponent(item.id)}` });

/** The 党代表工作室 list; nearest first once the resident taps to share a position (never required). */
export default function StudioDirectory() {
  const [position, setPosition] = useState<GeoPoint | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState('');
  const { state, reload } = useLoad(() => call(studio.list, position ? { latitude: position.latitude, longitude: position.longitude } : {}));

  const sortByDistance = async () => {
    setLocating(true);
    setLocationError('');
    const here = await tryLocation();
    setLocating(false);
    if (!here.ok) {
      setLocationError(`${here.message}先按默认顺序显示。`);
      return;
    }
    setPosition(here.point);
  };

  // The position changes the query: load again once it is set.
  useEffect(() => {
    if (position) void reload();
  }, [position, reload]);

  return (
    <View>
      {position ? (
        <Text className="lx-muted">已按离你的距离由近到远排列</Text>
      ) : (
        <Button size="large" block loading={locating} onClick={() => void sortByDistance()}>
          离我最近的排前面
        </Button>
      )}
      {locationError ? <Text className="lx-field-error lx-location-error">{locationError}</Text> : null}
      <LoadState state={state} onRetry={() => void reload()} />
      {state.status === 'ready' && state.data.studios.length === 0 ? (
        <View className="lx-card">
          <Text className="lx-muted">还没有党代表工作室</Text>
        </View>
      ) : null}
      {state.status === 'ready'
        ? state.data.studios.map((item) => (
            <View key={item.id} className="lx-studio-item" hoverClass="lx-studio-item--pressed" ariaRole="button" ariaLabel={item.name} onClick={openStudio(item)}>
              <View className="lx-studio-item__head">
                <Text className="lx-studio-item__name">{item.name}</Text>
                {item.distance !== undefined ? <Text className="lx-studio-item__distance">{distanceText(item.distance)}</Text> : null}
              </View>
              <Text className="lx-studio-item__line">{item.address}</Text>
              <Text className="lx-muted">接待时间：{item.hours}</Text>
            </View>
          ))
        : null}
    </View>
  );
}
