/** The staff banner while a year's 放假安排 is missing: what the cloud says (it alone knows today's date), or nothing. */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services';
import { care } from '@/shared/contracts/care';
import { useLoad } from '@/lib/use-load';
import './ScheduleBanner.css';

export default function ScheduleBanner({ link = false }: { link?: boolean }) {
  const { state } = useLoad(() => call(care.notice, {}));
  // A banner that cannot load stays away: the workbench must not fail over a reminder.
  if (state.status !== 'ready' || !state.data.notice) return null;
  const { notice, canEdit } = state.data;
  const open = link ? () => void Taro.navigateTo({ url: '/packages/staff/pages/holidays/index' }) : undefined;
  return (
    <View className="care-banner" ariaRole="alert" onClick={open}>
      <Text>
        {notice.message}
        {canEdit ? '' : '（由区级管理员录入）'}
        {link ? ' 查看 ›' : ''}
      </Text>
    </View>
  );
}
