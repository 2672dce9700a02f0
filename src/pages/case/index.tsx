import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { call } from '@/services';
import { cases, type CaseDetail } from '@/shared/contracts/case';
import { errorMessage } from '@/lib/errors';
import { askSubscription } from '@/lib/subscribe';
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
    const accepted = await askSubscription(['caseProgress']);
    void Taro.showToast({ title: accepted.length ? '已订阅，办理有进展时会提醒你' : '未订阅，进度仍可在消息中心查看', icon: 'none' });
  };
  const join = () =>
    void call(cases.join, { caseId: view._id }).then(
      () => {
        void Taro.showToast({ title: '已关注，有进展会通知你', icon: 'none' });
        onChanged();
      },
      (error: unknown) => void Taro.showToast({ title: errorMessage(error), icon: 'none' }),
    );
  return (
    <>
      {detail.actions.includes('rate') ? <RateForm id={view._id} action={action} /> : null}
      {detail.actions.includes('join') ? (
        <Button type="primary" size="xlarge" block onClick={join}>
          我也遇到
        </Button>
      ) : null}
      {view.isFollower ? (
        <Button className="case-subscribe" size="large" block onClick={() => void subscribe()}>
          订阅办理进度提醒
        </Button>
      ) : null}
    </>
  );
}

function CaseBody({ detail, labels, onChanged }: { detail: CaseDetail; labels: CaseLabels; onChanged: () => void }) {
  const staff = detail.case.as !== 'resident';
  return (
    <>
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
    </>
  );
}

/** 意见详情: where the case stands, the reply, the timeline; residents rate, staff and deputies act. */
export default function CasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const detail = useLoad(() => call(cases.get, { id }));
  const labels = useLoad(loadLabels);
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
