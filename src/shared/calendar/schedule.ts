/**
 * A year's 放假安排 as the State Council publishes it: a holiday period per festival (several festivals may share one,
 * e.g. 2025's 国庆节、中秋节 1–8 October) and the 调休 working days. Either built into chinese-days (2004–2026 in 1.5.7)
 * or entered by district staff (`holiday_schedules`, one document per year), which wins for its year.
 */
import type { FestivalKey } from './festivals';
import { addDays, isWeekend } from './dates';
import type { WorkCalendar } from './index';
import { defaultCalendar } from './index';
import { hasStatutorySchedule, holidaysOfYear } from './statutory';

export interface SchedulePeriod {
  festival: FestivalKey;
  /** First and last day off, inclusive ('YYYY-MM-DD'); 元旦's may start in late December of the year before. */
  start: string;
  end: string;
}

export interface YearSchedule {
  year: number;
  periods: SchedulePeriod[];
  /** 调休上班日: weekend days worked to make a period longer. */
  workdays: string[];
}

/** `holiday_schedules`: a year's schedule entered by district staff; `_id` is the year. */
export interface HolidayScheduleDoc extends YearSchedule {
  _id: string;
  updatedAt: number;
  updatedBy: string;
}

export type ScheduleSource = 'entered' | 'statutory' | 'none';

/** The package's names for its periods → our festival keys (a name outside the list, e.g. a one-off 纪念日, has none). */
const PACKAGE_NAMES: Record<string, FestivalKey> = {
  元旦: 'newYear',
  春节: 'spring',
  清明: 'qingming',
  劳动节: 'labour',
  端午: 'dragonBoat',
  中秋: 'midAutumn',
  国庆节: 'national',
};

/**
 * The published schedule of a year from chinese-days, or null outside its years. Consecutive days off form one period,
 * and every festival named inside it shares that period (2025: 10-06 is listed as 中秋 inside 国庆节's 1–8 October).
 */
export function statutorySchedule(year: number): YearSchedule | null {
  if (!hasStatutorySchedule(year)) return null;
  const days = holidaysOfYear(year);
  const runs: Array<{ start: string; end: string; names: Set<string> }> = [];
  for (const day of days.filter((item) => !item.isWorkday)) {
    const last = runs[runs.length - 1];
    if (last && nextDay(last.end) === day.date) {
      last.end = day.date;
      last.names.add(day.name);
    } else {
      runs.push({ start: day.date, end: day.date, names: new Set([day.name]) });
    }
  }
  const periods: SchedulePeriod[] = [];
  for (const run of runs) {
    for (const name of run.names) {
      const festival = PACKAGE_NAMES[name];
      if (festival && !periods.some((period) => period.festival === festival)) periods.push({ festival, start: run.start, end: run.end });
    }
  }
  return { year, periods, workdays: days.filter((day) => day.isWorkday).map((day) => day.date) };
}

function nextDay(date: string): string {
  return addDays(date, 1);
}

/** The schedule that applies to a year: staff-entered first, then the built-in one, else none. */
export function scheduleOfYear(year: number, entered: readonly YearSchedule[]): { schedule: YearSchedule | null; source: ScheduleSource } {
  const own = entered.find((item) => item.year === year);
  if (own) return { schedule: own, source: 'entered' };
  const builtIn = statutorySchedule(year);
  return builtIn ? { schedule: builtIn, source: 'statutory' } : { schedule: null, source: 'none' };
}

/**
 * A working-day calendar where each staff-entered year replaces `base` for that year: its periods rest, its 调休 days
 * work, every other day is Monday–Friday. A period reaching into the year before (元旦) counts there too.
 */
export function calendarWithSchedules(entered: readonly YearSchedule[], base: WorkCalendar = defaultCalendar): WorkCalendar {
  if (entered.length === 0) return base;
  return {
    isWorkday(date) {
      for (const schedule of entered) {
        if (schedule.workdays.includes(date)) return true;
        if (schedule.periods.some((period) => period.start <= date && date <= period.end)) return false;
      }
      const year = Number(date.slice(0, 4));
      return entered.some((schedule) => schedule.year === year) ? !isWeekend(date) : base.isWorkday(date);
    },
  };
}
