import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import CaseList from '@/components/CaseList';
import PageShell from '@/components/PageShell';
import { call } from '@/services';
import { cases } from '@/shared/contracts/case';
import { usePagedList } from '@/lib/use-paged-list';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import '../index/index.css';

/** Cases past their deadline without a reply, escalated by the 限时办结 timer; earliest deadline first. */
function SupervisedPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const list = usePagedList((offset, limit) => call(cases.adminList, { orgId, supervised: true, offset, limit }), orgId);
  usePullDownRefresh(() => void list.refresh().finally(() => void Taro.stopPullDownRefresh()));
  return (
    <>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">督办</Text>
        <Text className="lx-muted">超过办理期限仍未答复的意见，由系统每天检查后转入督办；答复后自动移出。</Text>
      </View>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={setOrgId} />
      <CaseList state={list.state} staff empty="没有督办中的意见" onRetry={() => void list.refresh()} onMore={() => void list.loadMore()} />
    </>
  );
}

/** 督办 (admins). */
export default function SupervisePage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <SupervisedPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
