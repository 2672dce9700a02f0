/**
 * What a deputy may learn of the ratings of the cases he handled: never one case's rating (with one reporter he would
 * know who rated him), only month figures over at least DEPUTY_RATING_MIN ratings. Months are finished months and the
 * ratings are the immutable rate/reopen events attributed to the deputy handling the case when it was rated, so a
 * figure once shown never changes: comparing two looks at it cannot single out the rating that arrived in between.
 */
import { addDays, chinaDate, endOfChinaDay } from '../../../../src/shared/calendar';
import type { Solved } from '../../../../src/shared/cases/model';
import type { DeputyRatingMonth, DeputyRatings } from '../../../../src/shared/cases/views';

/** Fewer rated cases than this in a month and the month's figure is not shown. */
export const DEPUTY_RATING_MIN = 5;
/** Months looked back, the current (unfinished) one excluded. */
export const DEPUTY_RATING_MONTHS = 12;

/** One rating as its audit event recorded it (rate or reopen, data.handlerOpenid the deputy). */
export interface RatingRecord {
  at: number;
  attitude: number;
  solved: Solved;
}

/** 'YYYY-MM' of an instant in China time. */
export const chinaMonth = (ms: number): string => chinaDate(ms).slice(0, 7);

/** The month before 'YYYY-MM'. */
function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The finished months to report, oldest first ('YYYY-MM'): the DEPUTY_RATING_MONTHS before the month of `now`. */
export function reportedMonths(now: number): string[] {
  const months: string[] = [];
  let month = chinaMonth(now);
  for (let i = 0; i < DEPUTY_RATING_MONTHS; i += 1) {
    month = previousMonth(month);
    months.unshift(month);
  }
  return months;
}

/** Epoch ms [from, to) of the reported months: from the first of the oldest to the first of the current month. */
export function ratingPeriod(now: number): { from: number; to: number } {
  const months = reportedMonths(now);
  const startOf = (month: string): number => endOfChinaDay(addDays(`${month}-01`, -1)) + 1;
  return { from: startOf(months[0]), to: startOf(chinaMonth(now)) };
}

/** Month figures over the finished months holding enough ratings, newest first. */
export function deputyRatings(records: readonly RatingRecord[], now: number): DeputyRatings {
  const months = new Set(reportedMonths(now));
  const byMonth = new Map<string, RatingRecord[]>();
  for (const record of records) {
    const month = chinaMonth(record.at);
    if (!months.has(month)) continue;
    byMonth.set(month, [...(byMonth.get(month) ?? []), record]);
  }
  const shown: DeputyRatingMonth[] = [...byMonth.entries()]
    .filter(([, list]) => list.length >= DEPUTY_RATING_MIN)
    .map(([month, list]) => ({
      month,
      rated: list.length,
      satisfaction: list.filter((record) => record.solved !== 'no').length / list.length,
      attitudeAverage: Math.round((list.reduce((sum, record) => sum + record.attitude, 0) / list.length) * 10) / 10,
    }))
    .sort((a, b) => (a.month < b.month ? 1 : -1));
  return { minCases: DEPUTY_RATING_MIN, months: shown };
}
