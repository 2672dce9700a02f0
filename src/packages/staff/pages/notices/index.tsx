/**
 * 通知公告 (admins, inside their scope): write a notice to some branches or the whole scope — 会议通知, 主题党日 — and
 * follow each one: a progress bar, WeChat messages sent / not subscribed / failed (with WeChat's code), the members
 * who cannot get it because they never bound WeChat (to be told in person), and 暂停 / 继续 / 取消.
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useMemo, useState } from 'react';
import FormField from '@/components/FormField';
import PageShell from '@/components/PageShell';
import { ApiError, call } from '@/services';
import { account, type OrgNodeView } from '@/shared/contracts/account';
import { push } from '@/shared/contracts/push';
import { roster } from '@/shared/contracts/roster';
import { JOB_STATUS_LABEL, PUSH_ROLE_LABEL, type PushJobView, type UnreachableMember } from '@/shared/push';
import { errorMessage } from '@/lib/errors';
import { staffDateTime } from '../../components/date-time';
import { newRequestId } from '@/lib/request-id';
import { useLoad } from '@/lib/use-load';
import { usePagedList } from '@/lib/use-paged-list';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import PagedRows from '../../components/PagedRows';
import '../index/index.css';
import './index.css';

const dateTime = staffDateTime;

/** Write and publish one notice to the chosen branches (none chosen: everyone under the scope). */
function NoticeForm({ orgId, branches, tags, onPublished }: { orgId: string; branches: OrgNodeView[]; tags: string[]; onPublished: () => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [chosenTags, setChosenTags] = useState<string[]>([]);
  // 党代表 and 管理员 under the chosen branches (or the whole scope) get it too; members always do from this form.
  const [alsoRoles, setAlsoRoles] = useState<Array<'deputy' | 'staff'>>([]);
  const [subscribe, setSubscribe] = useState(true);
  // One id per notice being written: a double tap or a retry publishes it once.
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((item) => item !== id) : [...list, id]));

  const publish = async () => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      const roles = alsoRoles.length > 0 ? (['member', ...alsoRoles] as const) : [];
      await call(push.publish, { requestId, orgId, branchIds: chosen, tags: chosenTags, roles: [...roles], title, body, subscribe });
      void Taro.showToast({ title: '已发布', icon: 'success' });
      setTitle('');
      setBody('');
      setChosen([]);
      setChosenTags([]);
      setAlsoRoles([]);
      setRequestId(newRequestId());
      onPublished();
    } catch (failure) {
      const fields = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      if (fields) setErrors(fields);
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="lx-card notice-form">
      <Text className="staff-head__title">写通知</Text>
      <FormField label="发给" tag="可多选" hint={chosen.length === 0 ? '不选支部：发给范围内全部党员' : `已选 ${chosen.length} 个支部`} error={errors.branchIds}>
        <View className="lx-choices">
          {branches.map((branch) => {
            const on = chosen.includes(branch.id);
            return (
              <View key={branch.id} className={on ? 'lx-choice lx-choice--selected' : 'lx-choice'} ariaRole="checkbox" ariaLabel={branch.name} onClick={() => toggle(branch.id)}>
                <Text>{branch.name}</Text>
              </View>
            );
          })}
        </View>
      </FormField>
      {tags.length > 0 ? (
        <FormField label="只发给" tag="可不选" hint={chosenTags.length === 0 ? '不选：所选支部的全部党员' : `只发给带“${chosenTags.join('、')}”标签的党员`} error={errors.tags}>
          <View className="lx-choices">
            {tags.map((tag) => {
              const on = chosenTags.includes(tag);
              return (
                <View key={tag} className={on ? 'lx-choice lx-choice--selected' : 'lx-choice'} ariaRole="checkbox" ariaLabel={tag} onClick={() => setChosenTags((list) => (on ? list.filter((item) => item !== tag) : [...list, tag]))}>
                  <Text>{tag}</Text>
                </View>
              );
            })}
          </View>
        </FormField>
      ) : null}
      <FormField label="也发给" tag="可不选" hint="所选范围内的党代表、管理员（不论是否在名册上）" error={errors.roles}>
        <View className="lx-choices">
          {(['deputy', 'staff'] as const).map((role) => {
            const on = alsoRoles.includes(role);
            return (
              <View key={role} className={on ? 'lx-choice lx-choice--selected' : 'lx-choice'} ariaRole="checkbox" ariaLabel={PUSH_ROLE_LABEL[role]} onClick={() => setAlsoRoles((list) => (on ? list.filter((item) => item !== role) : [...list, role]))}>
                <Text>{PUSH_ROLE_LABEL[role]}</Text>
              </View>
            );
          })}
        </View>
      </FormField>
      <FormField label="标题" hint="最多 20 字，如：主题党日活动通知" error={errors.title}>
        <Input className="lx-input" name="title" value={title} maxlength={20} onInput={(event) => setTitle(event.detail.value)} />
      </FormField>
      <FormField label="内容" hint="时间、地点、要带的东西" error={errors.body}>
        <Textarea className="lx-textarea" name="body" value={body} maxlength={500} onInput={(event) => setBody(event.detail.value)} />
      </FormField>
      <FormField label="微信提醒" hint="只发给允许接收提醒的党员；其他人在消息中心也能看到">
        <View className="lx-choices">
          <View className={subscribe ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => setSubscribe(true)}>
            <Text>同时发微信提醒</Text>
          </View>
          <View className={subscribe ? 'lx-choice' : 'lx-choice lx-choice--selected'} onClick={() => setSubscribe(false)}>
            <Text>只放消息中心</Text>
          </View>
        </View>
      </FormField>
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      <View className="notice-form__actions">
        <Button type="primary" size="large" block loading={busy} disabled={!title.trim() || !body.trim()} onClick={() => void publish()}>
          发布通知
        </Button>
      </View>
    </View>
  );
}

/** One notice: status, progress, outcomes, the unreachable members on demand, and the steering buttons. */
function JobCard({ job, onChanged }: { job: PushJobView; onChanged: () => void }) {
  const { counts } = job;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [unreachable, setUnreachable] = useState<UnreachableMember[] | null>(null);
  const steer = async (action: 'pause' | 'resume' | 'cancel') => {
    if (action === 'cancel') {
      const { confirm } = await Taro.showModal({ title: '取消发送', content: '取消后不再发送；已经送达的不会撤回。确定取消吗？' });
      if (!confirm) return;
    }
    setBusy(true);
    setError('');
    try {
      await call(push.steer, { id: job.id, action });
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const showUnreachable = async () => {
    try {
      setUnreachable((await call(push.unreachable, { id: job.id })).members);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const codes = Object.entries(counts.failedCodes)
    .map(([code, n]) => `错误码 ${code}：${n} 人`)
    .join('，');
  const canPause = job.status === 'running' || job.status === 'scheduled';
  return (
    <View className="lx-card notice-job" data-job={job.id}>
      <View>
        <Text className="notice-job__title">{job.title}</Text>
        <Text className="notice-job__status">{JOB_STATUS_LABEL[job.status]}</Text>
      </View>
      <Text className="lx-muted">
        {dateTime(job.sendAt)} · 发给 {job.audienceNames.join('、')} · {job.byName}
      </Text>
      <View className="notice-progress" ariaRole="progressbar" ariaLabel={`发送进度 ${job.percent}%`}>
        <View className="notice-progress__bar" style={{ width: `${job.percent}%` }} />
      </View>
      <Text className="notice-job__line notice-job__percent">
        进度 {job.percent}% · 已送达 {counts.reached} / {counts.recipients} 人
      </Text>
      {job.template ? (
        <Text className="notice-job__line">
          微信提醒：已发送 {counts.sent} 人，未订阅 {counts.noCredit} 人，发送失败 {counts.failed} 人{codes ? `（${codes}）` : ''}
          {counts.unknown > 0 ? `，结果不明 ${counts.unknown} 人（不会重发）` : ''}
        </Text>
      ) : null}
      {counts.unreachable > 0 ? (
        <Text className="notice-job__warn" onClick={() => void showUnreachable()}>
          未绑定微信 {counts.unreachable} 人，需线下告知（点此查看名单）
        </Text>
      ) : null}
      {unreachable ? (
        <View className="notice-unreachable">
          <Text className="notice-job__line">未绑定，需线下告知：</Text>
          {unreachable.map((member) => (
            <Text key={member.rosterId} className="notice-job__line">
              {member.name}（{member.branchName}）
            </Text>
          ))}
        </View>
      ) : null}
      {error ? <Text className="lx-field-error">{error}</Text> : null}
      {canPause || job.status === 'paused' ? (
        <View className="notice-job__actions">
          {canPause ? (
            <Button size="large" disabled={busy} onClick={() => void steer('pause')}>
              暂停
            </Button>
          ) : (
            <Button size="large" type="primary" disabled={busy} onClick={() => void steer('resume')}>
              继续
            </Button>
          )}
          <Button size="large" disabled={busy} onClick={() => void steer('cancel')}>
            取消发送
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function NoticesPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const tree = useLoad(() => call(account.orgTree, {}));
  const branches = useMemo(
    () => (tree.state.status === 'ready' ? tree.state.data.nodes.filter((node) => node.kind === 'branch' && node.path.includes(orgId)) : []),
    [tree.state, orgId],
  );
  // The scope's member tags (在职, 流动, …), for notices to some members only.
  const overview = useLoad(() => (orgId ? call(roster.overview, { orgId }) : Promise.resolve(null)));
  const reloadTags = overview.reload;
  useEffect(() => {
    void reloadTags();
  }, [orgId, reloadTags]);
  const tags = overview.state.status === 'ready' ? (overview.state.data?.tags ?? []) : [];
  const list = usePagedList((offset, limit) => call(push.jobs, { orgId, offset, limit }), orgId);
  usePullDownRefresh(() => void list.refresh().finally(() => void Taro.stopPullDownRefresh()));
  return (
    <>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">通知公告</Text>
        <Text className="lx-muted">通知发布后，所选支部已绑定微信的党员马上能在“消息中心”看到；微信提醒在后台陆续发出。未绑定微信的党员会列出来，请线下告知。</Text>
      </View>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={setOrgId} title="发布范围" />
      {orgId ? <NoticeForm key={orgId} orgId={orgId} branches={branches} tags={tags} onPublished={() => void list.refresh()} /> : null}
      <View className="notice-list__head">
        <Text className="lx-section-title">已发通知</Text>
        <Button size="small" onClick={() => void list.refresh()}>
          刷新进度
        </Button>
      </View>
      <PagedRows
        state={list.state}
        empty="还没有发过通知"
        onRetry={() => void list.refresh()}
        onMore={() => void list.loadMore()}
        row={(job) => <JobCard key={`${job.id}-${job.status}-${job.counts.processed}`} job={job} onChanged={() => void list.refresh()} />}
      />
    </>
  );
}

/** 通知公告 (admins in scope). */
export default function NoticesPage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <NoticesPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
