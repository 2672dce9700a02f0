import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import CaseList from '@/components/CaseList';
import PageShell from '@/components/PageShell';
import Segmented from '@/components/Segmented';
import { call } from '@/services';
import type { CaseState } from '@/shared/cases/model';
import { CASE_STATES, STATE_LABELS } from '@/shared/cases/states';
import { cases } from '@/shared/contracts/case';
import { usePagedList } from '@/lib/use-paged-list';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import '../index/index.css';

type Filter = CaseState | 'all';

// One name per state: the filters say what each row's state tag says (已提交 is what waits for 批办).
const FILTERS: ReadonlyArray<{ key: Filter; label: string }> = [...CASE_STATES.map((key) => ({ key, label: STATE_LABELS[key] })), { key: 'all', label: '全部' }];

/** The cases of one node by state, newest first; tap one to 批办 it. */
function CasesPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const [filter, setFilter] = useState<Filter>('submitted');
  const list = usePagedList(
    (offset, limit) => call(cases.adminList, { orgId, offset, limit, ...(filter === 'all' ? {} : { state: filter }) }),
    `${orgId}:${filter}`,
  );
  usePullDownRefresh(() => void list.refresh().finally(() => void Taro.stopPullDownRefresh()));
  const label = FILTERS.find((item) => item.key === filter)?.label ?? '';
  return (
    <>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={setOrgId} />
      <Segmented options={FILTERS} value={filter} onChange={setFilter} wrap />
      <CaseList
        state={list.state}
        staff
        empty={filter === 'all' ? '这个范围内还没有意见' : `没有“${label}”的意见`}
        onRetry={() => void list.refresh()}
        onMore={() => void list.loadMore()}
      />
    </>
  );
}

/** 意见批办 (admins): the cases of their scope by state. */
export default function StaffCasesPage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <CasesPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
