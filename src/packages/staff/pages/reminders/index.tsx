/**
 * 廉政提醒: the coming year's reminders (each festival's send day, counted from the first day off, and the ad-hoc ones
 * staff scheduled), the per-festival settings — on or off, days before, title and text, with our default texts to
 * choose from and a preview — and a form for an ad-hoc reminder to chosen branches. Sending is the push engine's: the
 * daily run makes one job per festival and year, and its progress shows here.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useMemo, useState } from 'react';
import FormField from '@/components/FormField';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { ApiError, call } from '@/services';
import { DEFAULT_TEXTS, FESTIVALS, MAX_DAYS_BEFORE, type FestivalKey, type FestivalReminderSetting, type PlannedReminderView } from '@/shared/care';
import { chinaDate } from '@/shared/calendar/dates';
import { account } from '@/shared/contracts/account';
import { care, type ReminderSettingsView } from '@/shared/contracts/care';
import { errorMessage } from '@/lib/errors';
import { newRequestId } from '@/lib/request-id';
import { useLoad } from '@/lib/use-load';
import ScheduleBanner from '../../components/ScheduleBanner';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import '../index/index.css';
import './index.css';

const monthDay = (date: string): string => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const fieldsOf = (failure: unknown): Record<string, string> =>
  (failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined) ?? {};

function PlanRow({ plan }: { plan: PlannedReminderView }) {
  return (
    <View className="care-plan" data-key={plan.key}>
      <View className="care-plan__head">
        <Text className="care-plan__date">{monthDay(plan.sendDate)}</Text>
        <Text className="care-plan__name">{plan.festivalName}</Text>
      </View>
      <Text className="care-plan__line">
        {plan.period ? `放假 ${monthDay(plan.period.start)} 起` : `节日 ${monthDay(plan.festivalDay)}`}，提前 {plan.daysBefore} 天 · {plan.note}
      </Text>
      <Text className="care-plan__line">
        {plan.enabled ? `《${plan.title}》` : '已关闭，不发送'}
        {plan.percent !== null ? ` · 已发出，进度 ${plan.percent}%` : ''}
      </Text>
    </View>
  );
}

/** The coming year's reminders. */
function ComingList({ version }: { version: number }) {
  const { state, reload } = useLoad(() => call(care.reminders, {}));
  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} />;
  const { festival, adhoc } = state.data;
  return (
    <View className="lx-card" key={version}>
      <View className="care-plan__head">
        <Text className="staff-head__title">未来一年的提醒</Text>
        <Button size="small" onClick={() => void reload()}>
          刷新进度
        </Button>
      </View>
      {festival.map((plan) => (
        <PlanRow key={plan.key} plan={plan} />
      ))}
      {adhoc.map((item) => (
        <View key={item.id} className="care-plan care-adhoc">
          <View className="care-plan__head">
            <Text className="care-plan__date">{monthDay(item.date)}</Text>
            <Text className="care-plan__name">临时提醒</Text>
          </View>
          <Text className="care-plan__line">
            《{item.title}》发给 {item.audienceNames.join('、')}
            {item.deputies ? '、党代表' : ''}
            {item.staff ? '、工作人员' : ''} · {item.byName} · 进度 {item.percent}%
          </Text>
        </View>
      ))}
    </View>
  );
}

/** One festival's setting: on/off, days before, title, text (ours to pick from), and a preview of the next one. */
function FestivalSetting({
  festival,
  setting,
  canEdit,
  onChange,
}: {
  festival: FestivalKey;
  setting: FestivalReminderSetting;
  canEdit: boolean;
  onChange: (next: FestivalReminderSetting) => void;
}) {
  const [preview, setPreview] = useState<PlannedReminderView | null>(null);
  const [error, setError] = useState('');
  const name = FESTIVALS.find((item) => item.key === festival)?.name ?? festival;
  const texts = DEFAULT_TEXTS[festival].texts;
  const nextText = () => onChange({ ...setting, text: texts[(texts.indexOf(setting.text) + 1) % texts.length] });
  const showPreview = async () => {
    setError('');
    try {
      setPreview((await call(care.preview, { festival, setting })).reminder);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const days = (delta: number) => onChange({ ...setting, daysBefore: Math.min(MAX_DAYS_BEFORE, Math.max(0, setting.daysBefore + delta)) });
  return (
    <View className="care-plan" data-festival={festival}>
      <View className="care-plan__head">
        <Text className="care-plan__name">{name}</Text>
        <View className={setting.enabled ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={canEdit ? () => onChange({ ...setting, enabled: !setting.enabled }) : undefined}>
          <Text>{setting.enabled ? '发送' : '不发送'}</Text>
        </View>
      </View>
      <View className="care-stepper">
        <Text>放假前</Text>
        {canEdit ? <Button size="small" onClick={() => days(-1)}>－</Button> : null}
        <Text className="care-stepper__value">{setting.daysBefore}</Text>
        {canEdit ? <Button size="small" onClick={() => days(1)}>＋</Button> : null}
        <Text>天发送</Text>
      </View>
      {canEdit ? (
        <>
          <FormField label="标题" hint="最多 20 字">
            <Input className="lx-input" value={setting.title} maxlength={20} onInput={(event) => onChange({ ...setting, title: event.detail.value })} />
          </FormField>
          <FormField label="内容" hint="最多 300 字">
            <Textarea className="lx-textarea" value={setting.text} maxlength={300} onInput={(event) => onChange({ ...setting, text: event.detail.value })} />
          </FormField>
        </>
      ) : (
        <Text className="care-plan__line">
          《{setting.title}》{setting.text}
        </Text>
      )}
      <View className="care-actions">
        {canEdit ? (
          <Button size="small" onClick={nextText}>
            换一条参考内容
          </Button>
        ) : null}
        <Button size="small" onClick={() => void showPreview()}>
          预览
        </Button>
      </View>
      {error ? <Text className="lx-field-error">{error}</Text> : null}
      {preview ? (
        <View className="care-preview">
          <Text className="care-plan__line">
            {monthDay(preview.sendDate)} 9:00 发出 · {preview.note}
          </Text>
          <Text className="care-plan__name">{preview.title}</Text>
          <Text className="care-plan__line">{preview.text}</Text>
        </View>
      ) : null}
    </View>
  );
}

function SettingsEditor({ onSaved }: { onSaved: () => void }) {
  const { state, reload } = useLoad(() => call(care.settings, {}));
  const [draft, setDraft] = useState<ReminderSettingsView | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} />;
  const current = draft ?? state.data;
  const { canEdit } = state.data;
  const save = async () => {
    setBusy(true);
    setMessage('');
    try {
      const saved = await call(care.saveSettings, { festivals: current.festivals, audience: current.audience });
      setDraft(saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (failure) {
      const fields = Object.values(fieldsOf(failure));
      setMessage(fields[0] ?? errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (key: 'deputies' | 'staff') => canEdit && setDraft({ ...current, audience: { ...current.audience, [key]: !current.audience[key] } });
  return (
    <View className="lx-card">
      <Text className="staff-head__title">节日提醒设置</Text>
      <Text className="lx-muted">{canEdit ? '全区统一设置，发给全区已绑定微信的党员。' : '由区级管理员统一设置；可以预览。'}</Text>
      <FormField label="同时发给">
        <View className="lx-choices">
          <View className={current.audience.deputies ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => toggle('deputies')}>
            <Text>党代表</Text>
          </View>
          <View className={current.audience.staff ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => toggle('staff')}>
            <Text>工作人员</Text>
          </View>
        </View>
      </FormField>
      {FESTIVALS.map((festival) => (
        <FestivalSetting
          key={festival.key}
          festival={festival.key}
          setting={current.festivals[festival.key]}
          canEdit={canEdit}
          onChange={(next) => setDraft({ ...current, festivals: { ...current.festivals, [festival.key]: next } })}
        />
      ))}
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      {canEdit ? (
        <View className="care-actions">
          <Button type="primary" size="large" block loading={busy} onClick={() => void save()}>
            保存设置
          </Button>
        </View>
      ) : null}
    </View>
  );
}

const chinaToday = (): string => chinaDate(Date.now());

/** An ad-hoc reminder: a day, a text, the branches (none: the whole scope), optionally deputies and staff. */
function AdhocForm({ scope, onScheduled }: { scope: AdminScope; onScheduled: () => void }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const tree = useLoad(() => call(account.orgTree, {}));
  const branches = useMemo(
    () => (tree.state.status === 'ready' ? tree.state.data.nodes.filter((node) => node.kind === 'branch' && node.path.includes(orgId)) : []),
    [tree.state, orgId],
  );
  const [chosen, setChosen] = useState<string[]>([]);
  const [date, setDate] = useState(chinaToday);
  const [title, setTitle] = useState('廉洁提醒');
  const [text, setText] = useState('');
  const [also, setAlso] = useState({ deputies: false, staff: false });
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((item) => item !== id) : [...list, id]));
  const submit = async () => {
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      await call(care.schedule, { requestId, orgId, branchIds: chosen, date, title, text, ...also });
      void Taro.showToast({ title: '已安排', icon: 'success' });
      setText('');
      setChosen([]);
      setRequestId(newRequestId());
      onScheduled();
    } catch (failure) {
      setErrors(fieldsOf(failure));
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="lx-card">
      <Text className="staff-head__title">安排临时提醒</Text>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={(id) => { setOrgId(id); setChosen([]); }} title="发送范围" />
      <FormField label="发给" tag="可多选" hint={chosen.length === 0 ? '不选支部：发给范围内全部党员' : `已选 ${chosen.length} 个支部`} error={errors.branchIds}>
        <View className="lx-choices">
          {branches.map((branch) => (
            <View key={branch.id} className={chosen.includes(branch.id) ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => toggle(branch.id)}>
              <Text>{branch.name}</Text>
            </View>
          ))}
          <View className={also.deputies ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => setAlso({ ...also, deputies: !also.deputies })}>
            <Text>另发党代表</Text>
          </View>
          <View className={also.staff ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => setAlso({ ...also, staff: !also.staff })}>
            <Text>另发工作人员</Text>
          </View>
        </View>
      </FormField>
      <FormField label="发送日期" hint="选今天：马上发出；选以后的日子：当天上午 9 点发出" error={errors.date}>
        <Picker mode="date" value={date || chinaToday()} start={chinaToday()} onChange={(event) => setDate(String(event.detail.value))}>
          <View className="care-date">
            <Text>{date || '请选择日期'}</Text>
          </View>
        </Picker>
      </FormField>
      <FormField label="标题" hint="最多 20 字" error={errors.title}>
        <Input className="lx-input" name="adhocTitle" value={title} maxlength={20} onInput={(event) => setTitle(event.detail.value)} />
      </FormField>
      <FormField label="内容" hint="最多 300 字" error={errors.text}>
        <Textarea className="lx-textarea" name="adhocText" value={text} maxlength={300} onInput={(event) => setText(event.detail.value)} />
      </FormField>
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      <View className="care-actions">
        <Button type="primary" size="large" block loading={busy} disabled={!date || !title.trim() || !text.trim()} onClick={() => void submit()}>
          安排提醒
        </Button>
      </View>
    </View>
  );
}

/** 廉政提醒 (admins). */
export default function RemindersPage() {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <PageShell>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">廉政提醒</Text>
        <Text className="lx-muted">节日前按设置自动发给党员（消息中心，允许提醒的还会收到微信提醒），每个节日每年只发一次。发送日从放假第一天往前算；放假安排未录入时按节日当天算。</Text>
      </View>
      <ScheduleBanner link />
      <ComingList key={version} version={version} />
      <AdminGate>{(scope) => <AdhocForm scope={scope} onScheduled={changed} />}</AdminGate>
      <SettingsEditor onSaved={changed} />
    </PageShell>
  );
}
