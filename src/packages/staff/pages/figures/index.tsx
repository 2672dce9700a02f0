import { useEffect, useMemo, useRef, useState } from 'react';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import Segmented from '@/components/Segmented';
import { call } from '@/services';
import { cases, type FiguresAnswer } from '@/shared/contracts/case';
import { PERIOD_LABELS, periodOf, type PeriodKind } from '@/lib/case-figures';
import { useLoad } from '@/lib/use-load';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import FiguresView from './FiguresView';
import '../index/index.css';
import './index.css';

const PERIODS = (Object.keys(PERIOD_LABELS) as PeriodKind[]).map((key) => ({ key, label: PERIOD_LABELS[key] }));

/** A scope is a node (rolled up over everything below it) or one studio: `org:<id>` / `studio:<id>`. */
function figuresInput(scopeKey: string, period: { from: string; to: string }) {
  const [kind, id] = scopeKey.split(/:(.*)/);
  return kind === 'studio' ? { studioId: id, ...period } : { orgId: id, ...period };
}

function FiguresPanel({ scope }: { scope: AdminScope }) {
  const choices = useMemo(
    () => [
      ...scope.orgs.map((choice) => ({ ...choice, id: `org:${choice.id}` })),
      ...scope.studios.map((choice) => ({ ...choice, id: `studio:${choice.id}`, hint: '工作室' })),
    ],
    [scope],
  );
  const [scopeKey, setScopeKey] = useState(() => choices[0]?.id ?? '');
  const [period, setPeriod] = useState<PeriodKind>('year');
  const load = () => call(cases.figures, figuresInput(scopeKey, periodOf(period, Date.now())));
  const { state, reload } = useLoad<FiguresAnswer>(load);
  // A new scope or period: ask again (useLoad keeps the old figures on screen until the new ones arrive); the mount loads itself.
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) void reload();
    mounted.current = true;
  }, [scopeKey, period, reload]);
  return (
    <>
      <ScopePicker choices={choices} value={scopeKey} onChange={setScopeKey} title="统计范围" />
      <Segmented options={PERIODS} value={period} onChange={setPeriod} />
      <LoadState state={state} onRetry={() => void reload()} />
      {state.status === 'ready' ? <FiguresView figures={state.data} /> : null}
    </>
  );
}

/** 办理统计 (admins): counts, rates, aging and a month-by-month chart for a node or a studio and a period. */
export default function FiguresPage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <FiguresPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
