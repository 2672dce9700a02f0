import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useRef } from 'react';
import CaseList from '@/components/CaseList';
import PageShell from '@/components/PageShell';
import { call } from '@/services';
import { cases } from '@/shared/contracts/case';
import { usePagedList } from '@/lib/use-paged-list';
import './index.css';

/** 代表工作台 (subpackage: residents never download it): my studios' cases, overdue first, then by deadline. */
export default function DeputyHomePage() {
  const inbox = usePagedList((offset, limit) => call(cases.deputyInbox, { offset, limit }), 'deputy-inbox');
  // Back from a case page: its state may have changed.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void inbox.refresh();
    shown.current = true;
  });
  usePullDownRefresh(() => void inbox.refresh().finally(() => void Taro.stopPullDownRefresh()));
  const overdue = inbox.state.items.filter((item) => item.overdue).length;

  return (
    <PageShell>
      <View className="lx-card deputy-head">
        <Text className="deputy-head__title">待办意见</Text>
        <Text className="lx-muted">逾期的排在最前，其次按办理期限先后。点开一件即可答复、转办或申请延期。</Text>
        {overdue > 0 ? <Text className="deputy-head__overdue">有 {overdue} 件已逾期，请尽快答复</Text> : null}
      </View>
      <CaseList
        state={inbox.state}
        staff
        empty="暂时没有交给你的意见"
        onRetry={() => void inbox.refresh()}
        onMore={() => void inbox.loadMore()}
      />
      <Text className="lx-section-title">流动服务点</Text>
      <Button size="large" block onClick={() => void Taro.navigateTo({ url: '/pages/opinion-form/index?paper=1' })}>
        录入纸质意见表
      </Button>
    </PageShell>
  );
}
