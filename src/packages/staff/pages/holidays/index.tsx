/**
 * 节假日安排: a year's 放假安排 — each festival's days off and the 调休 working days — as the 限时办结 deadlines and the
 * 廉政提醒 use them. The built-in data ends with 2026; district admins enter later years from the State Council's notice
 * (others read). The banner says when a year is still missing (the cloud decides, from its own date).
 */
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { ApiError, call } from '@/services';
import type { YearScheduleView } from '@/shared/care';
import type { FestivalKey } from '@/shared/calendar/festival-names';
import { chinaClock } from '@/shared/calendar/dates';
import { care } from '@/shared/contracts/care';
import { errorMessage } from '@/lib/errors';
import { useLoad } from '@/lib/use-load';
import ScheduleBanner from '../../components/ScheduleBanner';
import '../index/index.css';
import './index.css';

const SOURCE_LABEL: Record<YearScheduleView['source'], string> = {
  entered: '按录入的放假安排',
  statutory: '国务院办公厅已公布（内置）',
  none: '尚未录入',
};

const chinaYear = (): number => chinaClock(Date.now()).getUTCFullYear();
const monthDay = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** A date field: tap to pick; shows 未填 until chosen. */
function DateField({ value, year, label, onChange }: { value: string; year: number; label: string; onChange: (date: string) => void }) {
  return (
    <Picker mode="date" value={value || `${year}-01-01`} start={`${year - 1}-12-01`} end={`${year}-12-31`} onChange={(event) => onChange(String(event.detail.value))}>
      <View className={value ? 'care-date' : 'care-date care-date--empty'} ariaLabel={label}>
        <Text>{value || `${label}：未填`}</Text>
      </View>
    </Picker>
  );
}

interface Draft {
  periods: Partial<Record<FestivalKey, { start: string; end: string }>>;
  workdays: string[];
}

const draftOf = (view: YearScheduleView): Draft => ({
  periods: Object.fromEntries(view.periods.map((period) => [period.festival, { start: period.start, end: period.end }])),
  workdays: [...view.workdays],
});

function YearEditor({ year, onSaved }: { year: number; onSaved: () => void }) {
  const { state, reload } = useLoad(() => call(care.calendar, { year }));
  const [draft, setDraft] = useState<Draft>({ periods: {}, workdays: [] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const view = state.status === 'ready' ? state.data.schedule : null;
  useEffect(() => {
    if (view) setDraft(draftOf(view));
  }, [view]);
  if (state.status !== 'ready' || !view) return <LoadState state={state} onRetry={() => void reload()} />;
  const { canEdit } = state.data;
  const statutory = view.festivals.filter((festival) => festival.statutory);
  const setPeriod = (key: FestivalKey, part: 'start' | 'end', date: string) =>
    setDraft((current) => {
      const before = current.periods[key] ?? { start: '', end: '' };
      return { ...current, periods: { ...current.periods, [key]: { ...before, [part]: date } } };
    });
  const periods = Object.entries(draft.periods)
    .filter(([, period]) => period && (period.start || period.end))
    .map(([festival, period]) => ({ festival: festival as FestivalKey, start: period?.start ?? '', end: period?.end ?? '' }));

  const save = async () => {
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      // The schema only knows the statutory festivals; 元宵 has no days off and is never sent.
      const input = { year, periods: periods.map((period) => ({ ...period, festival: period.festival as Exclude<FestivalKey, 'lantern'> })), workdays: draft.workdays };
      await call(care.saveSchedule, input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await reload();
      onSaved();
    } catch (failure) {
      const fields = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      if (fields) setErrors(fields);
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (key: FestivalKey) => {
    const index = periods.findIndex((period) => period.festival === key);
    return index >= 0 ? errors[`periods.${index}`] : undefined;
  };

  return (
    <View className="lx-card">
      <Text className="staff-head__title care-block">{year} 年</Text>
      <Text className="lx-muted care-block">
        {SOURCE_LABEL[view.source]}
        {view.updatedBy ? ` · ${view.updatedBy} 录入` : ''}
      </Text>
      {statutory.map((festival) => {
        const period = draft.periods[festival.key];
        return (
          <View key={festival.key} className="care-row" data-festival={festival.key}>
            <View className="care-row__head">
              <Text className="care-row__name">{festival.name}</Text>
              <Text className="lx-muted">节日 {monthDay(festival.date)}</Text>
            </View>
            {canEdit ? (
              <View className="care-row__dates">
                <DateField value={period?.start ?? ''} year={year} label="放假开始" onChange={(date) => setPeriod(festival.key, 'start', date)} />
                <Text>至</Text>
                <DateField value={period?.end ?? ''} year={year} label="放假结束" onChange={(date) => setPeriod(festival.key, 'end', date)} />
              </View>
            ) : (
              <Text>{period ? `放假 ${monthDay(period.start)}–${monthDay(period.end)}` : '未录入'}</Text>
            )}
            {fieldError(festival.key) ? <Text className="lx-field-error">{fieldError(festival.key)}</Text> : null}
          </View>
        );
      })}
      <View className="care-row">
        <Text className="care-row__name">调休上班</Text>
        {draft.workdays.length === 0 ? <Text className="lx-muted">无</Text> : null}
        {draft.workdays.map((date, index) => (
          <Text
            key={date}
            className="care-date"
            onClick={canEdit ? () => setDraft((current) => ({ ...current, workdays: current.workdays.filter((item) => item !== date) })) : undefined}
          >
            {monthDay(date)}
            {canEdit ? ' ✕' : ''}
            {errors[`workdays.${index}`] ? `（${errors[`workdays.${index}`]}）` : ''}
          </Text>
        ))}
        {canEdit ? (
          <DateField
            value=""
            year={year}
            label="添加调休上班日"
            onChange={(date) => setDraft((current) => ({ ...current, workdays: [...new Set([...current.workdays, date])].sort() }))}
          />
        ) : null}
      </View>
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      {canEdit ? (
        <View className="care-actions">
          <Button type="primary" size="large" block loading={busy} onClick={() => void save()}>
            保存 {year} 年放假安排
          </Button>
        </View>
      ) : (
        <Text className="lx-muted">放假安排由区级管理员统一录入。</Text>
      )}
    </View>
  );
}

/** 节假日安排 (admins; district admins edit). */
export default function HolidaysPage() {
  const [year, setYear] = useState(chinaYear);
  const [version, setVersion] = useState(0);
  return (
    <PageShell>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">节假日安排</Text>
        <Text className="lx-muted">限时办结按这里的工作日计算期限；节日廉政提醒从放假第一天往前计算发送日。国务院办公厅公布新一年的安排后，请区级管理员照着通知录入。</Text>
      </View>
      <ScheduleBanner key={version} />
      <View className="care-actions">
        {[chinaYear(), chinaYear() + 1].map((candidate) => (
          <Button key={candidate} size="large" type={candidate === year ? 'primary' : 'default'} onClick={() => setYear(candidate)}>
            {candidate} 年
          </Button>
        ))}
      </View>
      <YearEditor key={year} year={year} onSaved={() => setVersion((v) => v + 1)} />
    </PageShell>
  );
}
