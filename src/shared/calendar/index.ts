/**
 * China-time working-day arithmetic for 限时办结 (shared by client and cloud). Dates are 'YYYY-MM-DD' in UTC+8.
 *
 * The default calendar follows the statutory schedule of `chinese-days` (2004–2026 in 1.5.7). For a year outside that
 * data it falls back to Monday–Friday and warns once per year, rather than refusing to compute: a deadline a day off
 * is recoverable, an admin unable to 批办 in late December is not. The fix for a new year is data, not code:
 * load that year's days from the admin-edited `holidays` collection into `calendarWithOverrides`.
 */
import { addDays, dateToUtcMs, isWeekend } from './dates';
import { hasStatutorySchedule, statutoryIsWorkday, type HolidayDay } from './statutory';

export { chinaDate, endOfChinaDay, addDays, weekday, chinaClock, chinaDateTime, chinaInstant, chinaDateIn, CHINA_OFFSET_MS, DAY_MS, HOUR_MS } from './dates';
export { holidaysOfYear, hasStatutorySchedule, STATUTORY_YEARS, type HolidayDay, type HolidayDoc } from './statutory';

/** The port every rule takes: whether people work on a date. */
export interface WorkCalendar {
  isWorkday(date: string): boolean;
}

/** Builds the statutory calendar; `onUncoveredYear` is told (once per year) when it falls back to Monday–Friday. */
export function statutoryCalendar(
  onUncoveredYear: (year: number) => void = (year) =>
    console.warn(`[calendar] ${year} 年没有法定节假日数据，按周一至周五计算工作日；请在节假日设置中录入 ${year} 年安排`),
): WorkCalendar {
  const warned = new Set<number>();
  return {
    isWorkday(date) {
      const year = Number(date.slice(0, 4));
      if (hasStatutorySchedule(year)) return statutoryIsWorkday(date);
      if (!warned.has(year)) {
        warned.add(year);
        onUncoveredYear(year);
      }
      return !isWeekend(date);
    },
  };
}

/** The calendar rules use when none is passed. */
export const defaultCalendar: WorkCalendar = statutoryCalendar();

/** A calendar where the listed days (e.g. the `holidays` collection, a newly published year) override `base`. */
export function calendarWithOverrides(days: readonly HolidayDay[], base: WorkCalendar = defaultCalendar): WorkCalendar {
  const overrides = new Map(days.map((day) => [day.date, day.isWorkday]));
  return { isWorkday: (date) => overrides.get(date) ?? base.isWorkday(date) };
}

/** Whether people work on the date under the calendar. */
export function isWorkday(date: string, calendar: WorkCalendar = defaultCalendar): boolean {
  return calendar.isWorkday(date);
}

// A calendar with no working day for a year is broken data; stop instead of looping forever.
const MAX_DAYS_WITHOUT_WORK = 366;

/**
 * The n-th working day after `date` (n < 0: before; 0: the date itself). The date itself never counts, so a
 * 3-working-day case assigned on D is due on the 3rd working day after D, whatever D is.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkCalendar = defaultCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`工作日数必须是整数: ${n}`);
  const step = n < 0 ? -1 : 1;
  let current = date;
  let remaining = Math.abs(n);
  let idle = 0;
  dateToUtcMs(date); // a malformed date fails even when n is 0
  while (remaining > 0) {
    current = addDays(current, step);
    if (calendar.isWorkday(current)) {
      remaining -= 1;
      idle = 0;
    } else if (++idle > MAX_DAYS_WITHOUT_WORK) {
      throw new RangeError(`日历在 ${date} 之后一年内没有工作日`);
    }
  }
  return current;
}

/**
 * Working days from `from` to `to`, signed, counted the way addWorkingDays steps: later → the working days in
 * (from, to]; earlier → minus those in [to, from). So addWorkingDays(from, workingDaysBetween(from, to)) === to
 * whenever `to` is a working day, in either direction.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar = defaultCalendar): number {
  const start = dateToUtcMs(from);
  const end = dateToUtcMs(to);
  if (start === end) return 0;
  // Forward: the days after `from` through `to`; backward: the days from `to` up to the day before `from`.
  const [first, last, sign] = start < end ? [addDays(from, 1), to, 1] : [to, addDays(from, -1), -1];
  let count = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (calendar.isWorkday(day)) count += 1;
  }
  return sign * count;
}
