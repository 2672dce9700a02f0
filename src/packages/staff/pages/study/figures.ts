/** The 已读 line staff see per branch: counts only ("1/20 已读"), never who. */
import type { BranchReadFigures } from '@/shared/study';

export const readLine = (row: Pick<BranchReadFigures, 'read' | 'targeted' | 'share'>): string => `${row.read}/${row.targeted} 已读（${row.share}%）`;

/** Branches below a chosen share (100: every branch). */
export const below = <T extends Pick<BranchReadFigures, 'share'>>(rows: readonly T[], threshold: number): T[] =>
  threshold >= 100 ? [...rows] : rows.filter((row) => row.share < threshold);

export { staffDateTime as dateTime } from '../../components/date-time';
