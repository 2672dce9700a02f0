/**
 * 政治生日 (admins): today's and this month's political birthdays in the chosen scope — names, for an offline
 * 重温入党誓词, not a ranking — with how each day's greeting fared (read, reached, not bound to WeChat: tell them
 * offline), and the community's greeting with a preview on a real member. The daily run sends the greetings by itself.
 */
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useMemo, useState } from 'react';
import FormField from '@/components/FormField';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { ApiError, call } from '@/services';
import { DELIVERY_LABEL, GREETING_MAX, GREETING_PLACEHOLDERS, type BirthdayMemberView } from '@/shared/birthday';
import { birthday, type GreetingPreview } from '@/shared/contracts/birthday';
import { ORG_KIND_LABEL } from '@/shared/identity';
import { errorMessage } from '@/lib/errors';
import { useLoad } from '@/lib/use-load';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import '../index/index.css';
import './index.css';

const dayText = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

function MemberRow({ item, withDate }: { item: BirthdayMemberView; withDate: boolean }) {
  return (
    <View className="bday-row" data-roster={item.rosterId}>
      <View className="bday-row__main">
        {withDate ? <Text className="bday-row__date">{dayText(item.date)}</Text> : null}
        <Text className="bday-row__name">{item.name}</Text>
        <Text className="lx-muted">入党 {item.years} 周年</Text>
      </View>
      <View className="bday-row__main">
        <Text className="lx-muted bday-row__branch">{item.branchName}</Text>
        <Text className={`bday-state bday-state--${item.delivery}`}>{DELIVERY_LABEL[item.delivery]}</Text>
      </View>
    </View>
  );
}

function Birthdays({ orgId }: { orgId: string }) {
  const { state, reload } = useLoad(() => call(birthday.list, { orgId }));
  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} card />;
  const { today, week, month, monthTotal } = state.data;
  const unreachable = today.filter((item) => item.delivery === 'unreachable').length;
  return (
    <>
      <View className="lx-card">
        <Text className="staff-head__title">今天（{dayText(state.data.date)}）</Text>
        {today.length === 0 ? <Text className="lx-muted bday-sub">今天没有党员过政治生日。</Text> : null}
        {today.map((item) => (
          <MemberRow key={item.rosterId} item={item} withDate={false} />
        ))}
        {unreachable > 0 ? <Text className="bday-warn">未绑定微信 {unreachable} 人，收不到寄语，请线下告知。</Text> : null}
        <Button size="small" onClick={() => void reload()}>
          刷新
        </Button>
      </View>
      <View className="lx-card">
        <Text className="staff-head__title">未来 7 天</Text>
        {week.length === 0 ? <Text className="lx-muted bday-sub">未来 7 天没有党员过政治生日。</Text> : null}
        {week.map((item) => (
          <MemberRow key={item.rosterId} item={item} withDate />
        ))}
      </View>
      <View className="lx-card">
        <Text className="staff-head__title">本月政治生日（{monthTotal} 人）</Text>
        <Text className="lx-muted bday-sub">可据此安排本月的集体政治生日、重温入党誓词。</Text>
        {month.length === 0 ? <Text className="lx-muted bday-sub">本月没有党员过政治生日。</Text> : null}
        {month.map((item) => (
          <MemberRow key={item.rosterId} item={item} withDate />
        ))}
        {monthTotal > month.length ? <Text className="lx-muted">仅显示前 {month.length} 人，请选择更小的范围查看。</Text> : null}
      </View>
    </>
  );
}

function GreetingEditor({ orgId }: { orgId: string }) {
  const loaded = useLoad(() => call(birthday.greeting, { orgId }));
  const [draft, setDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState<GreetingPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [fieldError, setFieldError] = useState('');
  if (loaded.state.status !== 'ready') return <LoadState state={loaded.state} onRetry={() => void loaded.reload()} card />;
  const greeting = loaded.state.data;
  const text = draft ?? greeting.template;
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage('');
    setFieldError('');
    try {
      await work();
    } catch (failure) {
      const fields = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      setFieldError(fields?.template ?? '');
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="lx-card">
      <Text className="staff-head__title">{greeting.orgName}的寄语</Text>
      <Text className="lx-muted">
        {greeting.isDefault ? '正在使用默认寄语。' : `${greeting.updatedBy ?? ''} 修改过。`}
        可以使用：{GREETING_PLACEHOLDERS.map((item) => `${item.key} ${item.label}`).join('；')}
      </Text>
      <FormField label="寄语" hint={`最多 ${GREETING_MAX} 字`} error={fieldError}>
        <Textarea className="lx-textarea" name="greeting" value={text} maxlength={GREETING_MAX} onInput={(event) => setDraft(event.detail.value)} />
      </FormField>
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      <View className="bday-actions">
        <Button size="large" loading={busy} onClick={() => void run(async () => setPreview(await call(birthday.preview, { orgId, template: text })))}>
          预览
        </Button>
        <Button
          type="primary"
          size="large"
          loading={busy}
          onClick={() =>
            void run(async () => {
              await call(birthday.saveGreeting, { orgId, template: text });
              setDraft(null);
              await loaded.reload();
              void Taro.showToast({ title: '已保存', icon: 'success' });
            })
          }
        >
          保存寄语
        </Button>
      </View>
      {preview ? (
        <View className="bday-preview">
          <Text className="lx-muted">
            {preview.member ? `按 ${preview.member.name}（${dayText(preview.member.date)}，入党 ${preview.member.years} 周年）预览：` : '社区里还没有党员，按示例预览：'}
          </Text>
          <Text className="bday-preview__body">{preview.body}</Text>
        </View>
      ) : null}
    </View>
  );
}

function Panels({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const communities = useMemo(() => scope.orgs.filter((choice) => choice.hint === ORG_KIND_LABEL.community), [scope.orgs]);
  const [communityId, setCommunityId] = useState(() => communities[0]?.id ?? '');
  return (
    <>
      <View className="lx-card">
        <ScopePicker choices={scope.orgs} value={orgId} onChange={setOrgId} />
      </View>
      <Birthdays key={orgId} orgId={orgId} />
      {communities.length > 0 ? (
        <>
          <View className="lx-card">
            <ScopePicker choices={communities} value={communityId} onChange={setCommunityId} title="寄语所属社区" />
          </View>
          <GreetingEditor key={communityId} orgId={communityId} />
        </>
      ) : null}
    </>
  );
}

/** 政治生日 (admins). */
export default function BirthdaysPage() {
  return (
    <PageShell>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">政治生日</Text>
        <Text className="lx-muted">每天上午 8 点起，系统自动给当天过政治生日的党员发送寄语和贺卡（消息中心，允许提醒的还会收到微信提醒），每人每年一次。</Text>
      </View>
      <AdminGate>{(scope) => <Panels scope={scope} />}</AdminGate>
    </PageShell>
  );
}
