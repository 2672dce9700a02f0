/**
 * Calendar dates as 'YYYY-MM-DD' strings in China time (UTC+8, no daylight saving). Arithmetic runs on UTC midnights so
 * the host time zone (a phone abroad, a UTC server) never shifts a day.
 */

// The one place the China-time offset and the length of a day are written (test/build/boundaries.test.ts keeps it so).
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** China Standard Time is UTC+8 all year (no daylight saving). */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China-time calendar date of an instant, e.g. 2026-09-30T16:00:00Z → '2026-10-01'. */
export function chinaDate(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`不是有效的时间: ${ms}`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A Date whose UTC fields read the China wall clock of the instant (getUTCHours() is the hour in Beijing), whatever the
 * host's time zone.
 */
export function chinaClock(ms: number): Date {
  return new Date(ms + CHINA_OFFSET_MS);
}

/** 'YYYY-MM-DD HH:mm' in China time. */
export function chinaDateTime(ms: number): string {
  return chinaClock(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant at a China-time hour (may be fractional) of a 'YYYY-MM-DD' date, e.g. ('2026-10-01', 9) → 01:00Z. */
export function chinaInstant(date: string, hour = 0): number {
  return dateToUtcMs(date) + hour * HOUR_MS - CHINA_OFFSET_MS;
}

/** The China-time date n days from the instant (n < 0: before), e.g. for a date field's default. */
export function chinaDateIn(ms: number, days: number): string {
  return chinaDate(ms + days * DAY_MS);
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
