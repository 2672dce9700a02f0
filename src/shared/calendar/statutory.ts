/**
 * The statutory holiday and 调休 schedule from the `chinese-days` package (国务院办公厅 notices, 2004–2026 in 1.5.7).
 * We read its data file instead of calling its isWorkday(): that one parses dates in the host time zone and answers
 * for the wrong day west of UTC (getDayDetail('2026-10-10') says '2026-10-09' in New York).
 */
import raw from 'chinese-days/dist/chinese-days.json';
import { isWeekend } from './dates';

/** One day of a year's schedule: a day off (isWorkday false) or a make-up working day (补班, isWorkday true). */
export interface HolidayDay {
  date: string;
  /** Chinese festival name, e.g. '国庆节'. */
  name: string;
  isWorkday: boolean;
}

/** A day of the `holidays` collection (admin-edited; overrides the statutory schedule), keyed by its date. */
export interface HolidayDoc extends HolidayDay {
  _id: string;
  year: number;
}

/** Values look like "National Day,国庆节,3": English name, Chinese name, length of the holiday. */
interface ScheduleData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data: ScheduleData = raw;

function years(): { first: number; last: number } {
  const all = Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)));
  return { first: Math.min(...all), last: Math.max(...all) };
}

/** The years the package has a published schedule for; outside them only weekends are known. */
export const STATUTORY_YEARS: Readonly<{ first: number; last: number }> = Object.freeze(years());

/** Whether the package knows the schedule of the year. */
export function hasStatutorySchedule(year: number): boolean {
  return Number.isInteger(year) && year >= STATUTORY_YEARS.first && year <= STATUTORY_YEARS.last;
}

/** Statutory answer for a date inside a covered year: a listed 补班 works, a listed holiday rests, else Mon–Fri. */
export function statutoryIsWorkday(date: string): boolean {
  if (data.workdays[date]) return true;
  if (data.holidays[date]) return false;
  return !isWeekend(date);
}

function chineseName(value: string): string {
  return value.split(',')[1] ?? value;
}

/**
 * Days off and make-up working days of a year, sorted by date (for seeding the `holidays` collection and showing the
 * calendar). Throws for a year the package does not cover: seeding nothing silently would make every day a workday.
 */
export function holidaysOfYear(year: number): HolidayDay[] {
  if (!hasStatutorySchedule(year)) {
    throw new RangeError(
      `chinese-days 没有 ${year} 年的法定节假日安排（覆盖 ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last} 年），请在节假日设置中录入`,
    );
  }
  const prefix = `${year}-`;
  const pick = (source: Record<string, string>, isWorkday: boolean): HolidayDay[] =>
    Object.entries(source)
      .filter(([date]) => date.startsWith(prefix))
      .map(([date, value]) => ({ date, name: chineseName(value), isWorkday }));
  return [...pick(data.holidays, false), ...pick(data.workdays, true)].sort((a, b) => a.date.localeCompare(b.date));
}
