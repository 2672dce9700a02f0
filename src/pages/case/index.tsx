import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { PhotoUrlsContext } from '@/components/PhotoGallery';
import { call } from '@/services';
import { casePage, cases, type CaseDetail } from '@/shared/contracts/case';
import { inbox } from '@/shared/contracts/inbox';
import { CASE_FOLLOWER_TEMPLATES } from '@/shared/notify';
import { errorMessage } from '@/lib/errors';
import { askSubscription } from '@/lib/subscribe';
import { setUnread } from '@/lib/use-unread';
import { useLoad } from '@/lib/use-load';
import CaseHeader from './CaseHeader';
import ContactCard from './ContactCard';
import { loadLabels, RAW_LABELS, type CaseLabels } from './labels';
import RateForm from './RateForm';
import ReplyCard from './ReplyCard';
import StaffActions from './StaffActions';
import Timeline from './Timeline';
import { useCaseAction } from './use-case-action';
import './index.css';

/** The resident's part: rate a reply, follow someone else's case (我也遇到), ask for progress reminders. */
function ResidentPart({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const action = useCaseAction(onChanged, onChanged);
  const view = detail.case;
  const subscribe = async () => {
    const accepted = await askSubscription([...CASE_FOLLOWER_TEMPLATES]);
    void Taro.showToast({ title: accepted.length ? '已订阅，答复后会提醒你' : '未订阅，进度仍可在消息中心查看', icon: 'none' });
  };
  // The reply reminder is asked for from its own button (shown once following): WeChat asks only from a tap.
  const join = () =>
    void call(cases.join, { caseId: view._id }).then(
      () => {
        void Taro.showToast({ title: '已关注，可订阅答复提醒', icon: 'none' });
        onChanged();
      },
      (error: unknown) => void Taro.showToast({ title: errorMessage(error), icon: 'none' }),
    );
  return (
    <>
      {detail.actions.includes('rate') || detail.actions.includes('co_rate') ? (
        <RateForm id={view._id} action={action} own={detail.actions.includes('co_rate')} />
      ) : null}
      {detail.actions.includes('join') ? (
        <Button type="primary" size="xlarge" block onClick={join}>
          我也遇到
        </Button>
      ) : null}
      {view.isFollower ? (
        <Button className="case-subscribe" size="large" block onClick={() => void subscribe()}>
          订阅答复提醒
        </Button>
      ) : null}
    </>
  );
}

function CaseBody({ detail, labels, onChanged }: { detail: CaseDetail; labels: CaseLabels; onChanged: () => void }) {
  const staff = detail.case.as === 'deputy' || detail.case.as === 'admin';
  return (
    // The photos' display URLs come signed with the case, for this viewer only.
    <PhotoUrlsContext.Provider value={detail.photoUrls}>
      <CaseHeader view={detail.case} labels={labels} />
      <ReplyCard view={detail.case} />
      {staff ? (
        <>
          <ContactCard view={detail.case} />
          <StaffActions detail={detail} labels={labels} onChanged={onChanged} />
        </>
      ) : (
        <ResidentPart detail={detail} onChanged={onChanged} />
      )}
      <Timeline events={detail.case.events} />
    </PhotoUrlsContext.Provider>
  );
}

/** Marks every inbox notice about this case read and updates the badge. */
async function markNoticesRead(id: string): Promise<void> {
  try {
    const { unread } = await call(inbox.markRead, { link: casePage(id) });
    setUnread(unread);
  } catch {
    // The badge is a hint: the notices stay unread and can be read in 消息中心.
  }
}

/** 意见详情: where the case stands, the reply, the timeline; residents rate, staff and deputies act. */
export default function CasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const detail = useLoad(() => call(cases.get, { id }));
  const labels = useLoad(loadLabels);
  const readable = detail.state.status === 'ready';
  useEffect(() => {
    // Reading the case is reading its notices: the badge drops them. A failure leaves them unread, nothing more.
    if (readable) void markNoticesRead(id);
  }, [readable, id]);
  usePullDownRefresh(() => void detail.reload().finally(() => void Taro.stopPullDownRefresh()));
  const { state } = detail;
  return (
    <PageShell>
      <LoadState state={state} onRetry={() => void detail.reload()} />
      {state.status === 'ready' ? (
        <CaseBody detail={state.data} labels={labels.state.status === 'ready' ? labels.state.data : RAW_LABELS} onChanged={() => void detail.reload()} />
      ) : null}
    </PageShell>
  );
}
