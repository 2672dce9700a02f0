import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import CaseList from '@/components/CaseList';
import PageShell from '@/components/PageShell';
import Segmented from '@/components/Segmented';
import { call } from '@/services';
import type { CaseState } from '@/shared/cases/model';
import { cases } from '@/shared/contracts/case';
import { usePagedList } from '@/lib/use-paged-list';
import { AdminGate, ScopePicker, type AdminScope } from './admin-scope';
import '../index/index.css';

type Filter = CaseState | 'all';

const FILTERS: ReadonlyArray<{ key: Filter; label: string }> = [
  { key: 'submitted', label: '待批办' },
  { key: 'assigned', label: '已批办' },
  { key: 'in_progress', label: '办理中' },
  { key: 'replied', label: '已答复' },
  { key: 'rated', label: '已评价' },
  { key: 'closed', label: '已归档' },
  { key: 'refused', label: '不予受理' },
  { key: 'all', label: '全部' },
];

/** The cases of one node by state, newest first; tap one to 批办 it. */
function CasesPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const [filter, setFilter] = useState<Filter>('submitted');
  const list = usePagedList(
    (offset, limit) => call(cases.adminList, { orgId, offset, limit, ...(filter === 'all' ? {} : { state: filter }) }),
    `${orgId}:${filter}`,
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });
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
