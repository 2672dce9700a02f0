/**
 * Calendar dates as 'YYYY-MM-DD' strings in China time (UTC+8, no daylight saving). Arithmetic runs on UTC midnights so
 * the host time zone (a phone abroad, a UTC server) never shifts a day.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China-time calendar date of an instant, e.g. 2026-09-30T16:00:00Z → '2026-10-01'. */
export function chinaDate(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`不是有效的时间: ${ms}`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight UTC of a 'YYYY-MM-DD' date; throws on malformed or impossible dates ('2026-02-30'). */
export function dateToUtcMs(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`日期格式应为 YYYY-MM-DD: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`不存在的日期: ${date}`);
  return ms;
}

/** The date n calendar days after (n < 0: before) the given date. */
export function addDays(date: string, n: number): string {
  return new Date(dateToUtcMs(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(dateToUtcMs(date)).getUTCDay();
}

/** True for Saturday and Sunday. */
export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** The last millisecond of the date in China time: a case due that day is overdue from the next millisecond. */
export function endOfChinaDay(date: string): number {
  return dateToUtcMs(date) + DAY_MS - CHINA_OFFSET_MS - 1;
}
