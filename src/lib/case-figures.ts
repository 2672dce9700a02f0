/** The staff 统计 page's arithmetic, platform-free: periods, percentages, aging rows and the month bars. */
import { addDays, chinaDate } from '../shared/calendar/dates';
import type { CaseFigures } from '../shared/contracts/case';

export type PeriodKind = 'year' | 'days30';

export const PERIOD_LABELS: Readonly<Record<PeriodKind, string>> = Object.freeze({ year: '今年', days30: '近30天' });

/** The period as the contract takes it ('YYYY-MM-DD' inclusive, China time): this year so far, or the last 30 days. */
export function periodOf(kind: PeriodKind, now: number): { from: string; to: string } {
  const today = chinaDate(now);
  if (kind === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: addDays(today, -29), to: today };
}

/** A ratio 0..1 as people read it: 85.7%; '—' when there was nothing to divide (no data is not 0%). */
export function percent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const tenths = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

/** Open cases by age, in the order the page lists them. */
export function agingRows(aging: CaseFigures['aging']): Array<{ label: string; count: number }> {
  return [
    { label: '3 天以内', count: aging.days0to3 },
    { label: '4–7 天', count: aging.days4to7 },
    { label: '8–15 天', count: aging.days8to15 },
    { label: '超过 15 天', count: aging.over15 },
  ];
}

export interface MonthBar {
  /** '11月' (with the year when the period spans two: '2025年12月'). */
  label: string;
  received: number;
  answered: number;
  /** Bar lengths 0..1 against the busiest month's received count. */
  receivedRatio: number;
  answeredRatio: number;
}

/** One pair of bars per month (收集 / 答复), scaled to the busiest month. */
export function monthBars(months: CaseFigures['months']): MonthBar[] {
  const max = Math.max(0, ...months.map((month) => Math.max(month.counts.received, month.counts.answered)));
  const years = new Set(months.map((month) => month.month.slice(0, 4)));
  return months.map(({ month, counts }) => {
    const [year, number] = month.split('-');
    return {
      label: years.size > 1 ? `${year}年${Number(number)}月` : `${Number(number)}月`,
      received: counts.received,
      answered: counts.answered,
      receivedRatio: max === 0 ? 0 : counts.received / max,
      answeredRatio: max === 0 ? 0 : counts.answered / max,
    };
  });
}
