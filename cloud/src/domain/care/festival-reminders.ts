/**
 * 廉政提醒: when each festival's reminder goes out, and the rules for a year's 放假安排 staff enter. Pure: the schedules
 * (staff-entered or built in) and the settings are passed in.
 *
 * A reminder is due `daysBefore` days before the holiday PERIOD starts — people leave on the first day off, which for
 * 春节 is often 除夕 or earlier, not 初一 — and on the festival day's count when the year has no published period
 * (元宵 never has one). Festivals sharing a period (国庆节、中秋节 in 2025) get one reminder.
 */
import { addDays, DAY_MS, dateToUtcMs, isWeekend } from '../../../../src/shared/calendar/dates';
import { FESTIVALS, FESTIVAL_KEYS, festivalDay, type FestivalKey } from '../../../../src/shared/calendar/festivals';
import type { SchedulePeriod, ScheduleSource, YearSchedule } from '../../../../src/shared/calendar/schedule';
import {
  DEFAULT_DAYS_BEFORE,
  DEFAULT_TEXTS,
  type FestivalReminderSetting,
  type PlannedReminderView,
  type ReminderAudience,
  type ReminderSettingsDoc,
  type ScheduleNotice,
} from '../../../../src/shared/care';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';

export interface ReminderSettings {
  festivals: Record<FestivalKey, FestivalReminderSetting>;
  audience: ReminderAudience;
}

/** The stored settings over our defaults (a festival never edited reads as its default). */
export function resolveSettings(doc: Partial<Pick<ReminderSettingsDoc, 'festivals' | 'audience'>> | null): ReminderSettings {
  const festivals = {} as Record<FestivalKey, FestivalReminderSetting>;
  for (const key of FESTIVAL_KEYS) {
    const own = doc?.festivals?.[key];
    festivals[key] = {
      enabled: own?.enabled ?? true,
      daysBefore: own?.daysBefore ?? DEFAULT_DAYS_BEFORE,
      title: own?.title ?? DEFAULT_TEXTS[key].title,
      text: own?.text ?? DEFAULT_TEXTS[key].texts[0],
    };
  }
  return { festivals, audience: { deputies: doc?.audience?.deputies ?? false, staff: doc?.audience?.staff ?? false } };
}

export type PlannedReminder = Omit<PlannedReminderView, 'jobId' | 'percent'>;

/** The year's schedule as the rules see it: which one applies and where it came from. */
export interface ResolvedSchedule {
  schedule: YearSchedule | null;
  source: ScheduleSource;
}

/** Every festival reminder of the festivals in `year`, in calendar order of their send dates. */
export function planReminders(year: number, resolved: ResolvedSchedule, settings: ReminderSettings): PlannedReminder[] {
  const plans: PlannedReminder[] = [];
  const periodOf = (key: FestivalKey): SchedulePeriod | undefined => resolved.schedule?.periods.find((period) => period.festival === key);
  for (const festival of FESTIVALS) {
    const period = periodOf(festival.key);
    // A period shared with an earlier festival of the list already has its reminder (named after both).
    if (period && plans.some((plan) => plan.period?.start === period.start)) continue;
    const sharing = period ? FESTIVALS.filter((other) => periodOf(other.key)?.start === period.start) : [festival];
    const setting = settings.festivals[festival.key];
    const day = festivalDay(festival.key, year);
    const anchor = period?.start ?? day;
    plans.push({
      key: reminderKey(festival.key, year),
      festival: festival.key,
      festivalName: sharing.map((item) => item.name).join('、'),
      year,
      festivalDay: day,
      period: period ? { start: period.start, end: period.end } : null,
      basis: period ? 'period' : 'festival_day',
      note: noteFor(festival.statutory, year, period, day, resolved.source),
      sendDate: addDays(anchor, -setting.daysBefore),
      daysBefore: setting.daysBefore,
      title: setting.title,
      text: setting.text,
      enabled: setting.enabled,
    });
  }
  return plans.sort((a, b) => a.sendDate.localeCompare(b.sendDate));
}

export const reminderKey = (festival: FestivalKey, year: number): string => `${festival}:${year}`;

function noteFor(statutory: boolean, year: number, period: SchedulePeriod | undefined, day: string, source: ScheduleSource): string {
  if (!statutory) return '这个节日不放假，按节日当天计算';
  if (!period) {
    return source === 'none'
      ? `${year} 年放假安排尚未录入，暂按节日当天计算；录入后按放假第一天计算`
      : `${year} 年放假安排中没有这个节日的假期，按节日当天计算`;
  }
  const from = period.start === day ? '放假第一天（节日当天）' : `放假第一天 ${monthDay(period.start)}`;
  return `从${from}往前计算${source === 'entered' ? '（按录入的放假安排）' : ''}`;
}

const monthDay = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The day reminders are counted back from: the first day off, or the festival day. */
const anchorOf = (plan: PlannedReminder): string => plan.period?.start ?? plan.festivalDay;

/**
 * The reminders the daily run sends on `today`: enabled, their day reached, and their holiday not begun yet — so a run
 * missed by a crash or an outage catches up on the next day while it still helps. Sending each at most once is the
 * job id's business (one job per festival and year), not this rule's.
 */
export function dueReminders(today: string, plans: readonly PlannedReminder[]): PlannedReminder[] {
  return plans.filter((plan) => plan.enabled && plan.sendDate <= today && today < anchorOf(plan));
}

/** The coming year's reminders: those whose holiday starts from today on, within a year. */
export function comingReminders(today: string, plans: readonly PlannedReminder[]): PlannedReminder[] {
  const until = addDays(today, 366);
  return plans.filter((plan) => anchorOf(plan) >= today && plan.sendDate < until);
}

/**
 * The banner staff see while a schedule is missing: this year's at any time, next year's from 1 December (when the
 * State Council has usually published it). Null when nothing is missing.
 */
export function scheduleNotice(today: string, hasSchedule: (year: number) => boolean): ScheduleNotice | null {
  const year = Number(today.slice(0, 4));
  if (!hasSchedule(year)) return { year, message: `还没有录入 ${year} 年的放假安排：限时办结的工作日和节日廉政提醒会按周一至周五、节日当天计算，请尽快录入` };
  if (today.slice(5) >= '12-01' && !hasSchedule(year + 1)) {
    return { year: year + 1, message: `还没有录入 ${year + 1} 年的放假安排。国务院办公厅公布后请及时录入，限时办结和节日廉政提醒都会用到` };
  }
  return null;
}

/** A year's schedule as staff entered it, checked: INPUT.INVALID naming the field at fault. */
export function validateSchedule(input: YearSchedule): YearSchedule {
  const fields: Record<string, string> = {};
  const { year } = input;
  const seen = new Set<FestivalKey>();
  const periods = input.periods.map((period) => ({ ...period }));
  periods.forEach((period, index) => {
    const field = `periods.${index}`;
    if (seen.has(period.festival)) fields[field] = '这个节日已经填过一段假期';
    seen.add(period.festival);
    if (!validDate(period.start) || !validDate(period.end)) {
      fields[field] = '请填写放假的开始和结束日期';
      return;
    }
    if (period.end < period.start) fields[field] = '结束日期不能早于开始日期';
    else if (dateToUtcMs(period.end) - dateToUtcMs(period.start) > 14 * DAY_MS) fields[field] = '一段假期不能超过 15 天';
    // 元旦's days off may begin in late December of the year before; every other period lies in the year.
    else if (Number(period.end.slice(0, 4)) !== year || period.start < `${year - 1}-12-25`) fields[field] = `假期应在 ${year} 年内`;
  });
  periods.forEach((period, index) => {
    const clash = periods.find(
      (other, j) => j < index && other.start <= period.end && period.start <= other.end && (other.start !== period.start || other.end !== period.end),
    );
    // Two festivals may share one period exactly (国庆节、中秋节), never overlap partly.
    if (clash) fields[`periods.${index}`] ??= '和另一段假期有重叠；两个节日合并放假时，请填相同的起止日期';
  });
  const workdays = [...new Set(input.workdays)].sort();
  workdays.forEach((date, index) => {
    const field = `workdays.${index}`;
    if (!validDate(date) || Number(date.slice(0, 4)) !== year) fields[field] = `调休上班日应在 ${year} 年内`;
    else if (!isWeekend(date)) fields[field] = '调休上班日应是周六或周日（工作日本来就上班）';
    else if (periods.some((period) => period.start <= date && date <= period.end)) fields[field] = '这一天在放假期间内，不能同时是上班日';
  });
  if (periods.length === 0) fields.periods = '请至少填写一段假期';
  const first = Object.values(fields)[0];
  if (first) throw new AppError(ErrorCodes.INPUT_INVALID, `放假安排有误：${first}`, { fields });
  return { year, periods: periods.sort((a, b) => a.start.localeCompare(b.start)), workdays };
}

function validDate(date: string): boolean {
  try {
    dateToUtcMs(date);
    return true;
  } catch {
    return false;
  }
}
