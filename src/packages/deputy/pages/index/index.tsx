import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import CaseList from '@/components/CaseList';
import PageShell from '@/components/PageShell';
import Segmented from '@/components/Segmented';
import { call } from '@/services';
import { cases, type DeputyTab } from '@/shared/contracts/case';
import { usePagedList } from '@/lib/use-paged-list';
import MyRatings from './MyRatings';
import './index.css';

const TABS: ReadonlyArray<{ key: DeputyTab; label: string; empty: string }> = [
  { key: 'todo', label: '待办', empty: '暂时没有等你答复的意见' },
  { key: 'answered', label: '已答复', empty: '还没有答复过的意见' },
  { key: 'studio', label: '工作室全部', empty: '工作室还没有批办的意见' },
];

/**
 * 代表工作台 (subpackage: residents never download it). 待办 is what waits for this deputy (handed to them or to the
 * studio as a whole, not yet answered), overdue first, then by deadline; answered and colleagues' cases sit under the
 * other tabs.
 */
export default function DeputyHomePage() {
  const [tab, setTab] = useState<DeputyTab>('todo');
  const inbox = usePagedList((offset, limit) => call(cases.deputyInbox, { tab, offset, limit }), `deputy-inbox:${tab}`);
  // Back from a case page: its state may have changed.
  usePullDownRefresh(() => void inbox.refresh().finally(() => void Taro.stopPullDownRefresh()));
  const overdue = tab === 'todo' ? inbox.state.items.filter((item) => item.overdue).length : 0;
  const current = TABS.find((item) => item.key === tab) ?? TABS[0];

  return (
    <PageShell>
      <View className="lx-card deputy-head">
        <Text className="deputy-head__title">待办意见</Text>
        <Text className="lx-muted">待办是交给你或交给整个工作室、还没答复的意见：逾期的排在最前，其次按办理期限先后。点开一件即可答复、转办或申请延期。</Text>
        {overdue > 0 ? <Text className="deputy-head__overdue">有 {overdue} 件已逾期，请尽快答复</Text> : null}
      </View>
      <Segmented options={TABS} value={tab} onChange={setTab} />
      <CaseList
        state={inbox.state}
        staff
        empty={current.empty}
        onRetry={() => void inbox.refresh()}
        onMore={() => void inbox.loadMore()}
      />
      <MyRatings />
      <Text className="lx-section-title">流动服务点</Text>
      <Button size="large" block onClick={() => void Taro.navigateTo({ url: '/pages/opinion-form/index?paper=1' })}>
        录入纸质意见表
      </Button>
    </PageShell>
  );
}
