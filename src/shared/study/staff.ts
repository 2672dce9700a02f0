/**
 * 学习 for staff pages and the cloud only (kept out of src/shared/study/index.ts, which the main package carries):
 * status labels, shares, the status as listed.
 */
import type { ArticleDoc, ArticleStatus } from './index';

export const ARTICLE_STATUS_LABEL: Record<ArticleStatus | 'scheduled', string> = {
  draft: '草稿',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

/** Percent, floored, of part in whole (0 when nobody is addressed). */
export function sharePercent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.floor((part / whole) * 100)) : 0;
}

/** How the status reads in the staff list: a published article whose time has not come is 定时发布. */
export function shownStatus(doc: Pick<ArticleDoc, 'status' | 'publishAt'>, now: number): ArticleStatus | 'scheduled' {
  return doc.status === 'published' && doc.publishAt !== null && doc.publishAt > now ? 'scheduled' : doc.status;
}
