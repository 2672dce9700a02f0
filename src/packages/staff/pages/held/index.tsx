import { Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import Choices from '@/components/Choices';
import { call } from '@/services';
import { HELD_STATE_LABELS, type HeldItem, type HeldState } from '@/shared/cases/held';
import { cases, FORM_LIMITS } from '@/shared/contracts/case';
import { errorMessage } from '@/lib/errors';
import { staffDateTime } from '../../components/date-time';
import { usePagedList } from '@/lib/use-paged-list';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import PagedRows from '../../components/PagedRows';
import '../index/index.css';
import './index.css';

const STATES: HeldState[] = ['held', 'released', 'rejected'];

const dateTime = staffDateTime;

/** One held form: the text to judge, why WeChat held it, and 放行 / 不予通过 (with a reason the resident will read). */
function HeldCard({ item, onDecided }: { item: HeldItem; onDecided: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const decide = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError('');
    try {
      await run();
      void Taro.showToast({ title: done, icon: 'success' });
      onDecided();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="lx-card held-item">
      <Text className="held-item__title">{item.title}</Text>
      <Text className="lx-muted">
        {item.studioName} · {dateTime(item.createdAt)}
        {item.photoCount > 0 ? ` · 附图 ${item.photoCount} 张` : ''}
      </Text>
      <Text className="held-item__content">{item.content}</Text>
      <Text className="held-item__reason">微信内容检查：{item.reason}</Text>
      {item.state === 'released' ? <Text className="lx-muted">已放行{item.receiptNo ? `，回执编号 ${item.receiptNo}` : ''}{item.decidedByName ? `（${item.decidedByName}）` : ''}</Text> : null}
      {item.state === 'rejected' ? <Text className="lx-muted">未通过：{item.rejectReason}{item.decidedByName ? `（${item.decidedByName}）` : ''}</Text> : null}
      {item.state === 'held' && rejecting ? (
        <>
          <Text className="lx-muted">不通过的理由（提交人会看到）</Text>
          <Textarea
            className="lx-textarea"
            name="reason"
            value={reason}
            placeholder="例如：内容是广告，不是社区事务"
            maxlength={FORM_LIMITS.reason}
            onInput={(event) => setReason(event.detail.value)}
          />
        </>
      ) : null}
      {error ? <Text className="held-item__error">{error}</Text> : null}
      {item.state === 'held' ? (
        <View className="held-item__actions">
          {rejecting ? (
            <>
              <Button size="large" disabled={busy} onClick={() => setRejecting(false)}>
                取消
              </Button>
              <Button
                size="large"
                type="primary"
                disabled={busy || !reason.trim()}
                onClick={() => void decide(() => call(cases.heldReject, { id: item.id, reason }), '已标为不通过')}
              >
                确认不通过
              </Button>
            </>
          ) : (
            <>
              <Button size="large" disabled={busy} onClick={() => setRejecting(true)}>
                不予通过
              </Button>
              <Button size="large" type="primary" disabled={busy} onClick={() => void decide(() => call(cases.heldRelease, { id: item.id }), '已放行')}>
                放行
              </Button>
            </>
          )}
        </View>
      ) : null}
    </View>
  );
}

function HeldPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const [state, setState] = useState<HeldState>('held');
  const list = usePagedList((offset, limit) => call(cases.heldList, { orgId, state, offset, limit }), `${orgId}|${state}`);
  usePullDownRefresh(() => void list.refresh().finally(() => void Taro.stopPullDownRefresh()));
  return (
    <>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">待审核意见</Text>
        <Text className="lx-muted">微信内容检查拿不准的意见先放在这里，不公开、也还没有回执编号。放行后成为正式意见并通知提交人；不予通过须写明理由。</Text>
      </View>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={setOrgId} />
      <Choices label="审核状态" options={STATES.map((key) => ({ key, label: HELD_STATE_LABELS[key] }))} value={state} onChange={setState} />
      <PagedRows
        state={list.state}
        empty={`没有${HELD_STATE_LABELS[state]}的意见`}
        onRetry={() => void list.refresh()}
        onMore={() => void list.loadMore()}
        row={(item) => <HeldCard key={item.id} item={item} onDecided={() => void list.refresh()} />}
      />
    </>
  );
}

/** 待审核意见 (admins in scope). */
export default function HeldPage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <HeldPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
