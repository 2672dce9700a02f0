import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { call } from '@/services';
import { studio, type ServicePointView, type StudioDetail } from '@/shared/contracts/studio';
import { useLoad } from '@/lib/use-load';
import QrCodes from './QrCodes';
import './index.css';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The opinion form with this place filled in (what the printed QR code opens too). */
function formUrl(studioId: string, pointId?: string): string {
  return `/pages/opinion-form/index?studio=${encodeURIComponent(studioId)}${pointId ? `&point=${encodeURIComponent(pointId)}` : ''}`;
}

const go = (url: string) => () => void Taro.navigateTo({ url });

function ServicePoint({ point }: { point: ServicePointView }) {
  return (
    <View className="lx-card studio-point">
      <Text className="studio-point__name">{point.name}</Text>
      <Text>{point.address}</Text>
      <Text className="lx-muted">时间：{point.schedule}</Text>
      <Button size="large" block onClick={go(formUrl(point.studioId, point.id))}>
        在这个服务点提意见
      </Button>
    </View>
  );
}

function StudioBody({ detail }: { detail: StudioDetail }) {
  const { studio: info, onDuty, servicePoints, deputyNames } = detail;
  const callStudio = () => void Taro.makePhoneCall({ phoneNumber: info.contact.replace(/[^\d-]/g, '') }).catch(() => undefined);
  return (
    <>
      <View className="lx-card studio-head">
        <Text className="studio-head__name">{info.name}</Text>
        <Text className="studio-head__line">地址：{info.address}</Text>
        <Text className="studio-head__line">接待时间：{info.hours}</Text>
        <View className="studio-head__contact" ariaRole="button" ariaLabel={`拨打 ${info.contact}`} onClick={callStudio}>
          <Text className="studio-head__line">联系电话：</Text>
          <Text className="studio-head__phone">{info.contact}</Text>
        </View>
      </View>

      <Button type="primary" size="xlarge" block onClick={go(formUrl(info.id))}>
        向这个工作室提意见
      </Button>

      <Text className="lx-section-title">今天值班的党代表</Text>
      <View className="lx-card studio-duty">
        <Text className="studio-duty__day">今天{WEEKDAYS[onDuty.weekday] ? `（${WEEKDAYS[onDuty.weekday]}）` : ''}</Text>
        {onDuty.names.length > 0 ? (
          <Text className="studio-duty__names">{onDuty.names.join('、')}</Text>
        ) : (
          <Text className="lx-muted">今天没有代表值班，可以先提交意见，工作人员会转给代表</Text>
        )}
        {deputyNames.length > 0 ? <Text className="lx-muted">本工作室党代表：{deputyNames.join('、')}</Text> : null}
      </View>

      {servicePoints.length > 0 ? <Text className="lx-section-title">流动服务点</Text> : null}
      {servicePoints.map((point) => (
        <ServicePoint key={point.id} point={point} />
      ))}

      <QrCodes studioId={info.id} points={servicePoints} />
    </>
  );
}

/** A 党代表工作室: address, hours, contact, who is on duty today, its 流动服务点 and the codes staff print. */
export default function StudioPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { state, reload } = useLoad(() => call(studio.get, { id }));
  return (
    <PageShell>
      <LoadState state={state} onRetry={() => void reload()} />
      {state.status === 'ready' ? <StudioBody detail={state.data} /> : null}
    </PageShell>
  );
}
