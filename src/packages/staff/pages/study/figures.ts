/** The 已读 line staff see per branch: counts only ("1/20 已读"), never who. */
import type { BranchReadFigures } from '@/shared/study';

export const readLine = (row: Pick<BranchReadFigures, 'read' | 'targeted' | 'share'>): string => `${row.read}/${row.targeted} 已读（${row.share}%）`;

/** Branches below a chosen share (100: every branch). */
export const below = <T extends Pick<BranchReadFigures, 'share'>>(rows: readonly T[], threshold: number): T[] =>
  threshold >= 100 ? [...rows] : rows.filter((row) => row.share < threshold);

export function dateTime(ms: number): string {
  const china = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
}
