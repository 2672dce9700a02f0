/**
 * 学习 rules without a cloud: who an article is for (its target keys and a reader's keys), whether a reader may open
 * it, what a save and a publish make of an article, and the per-branch figures from counts.
 */
import { AppError } from '../../../../src/shared/errors';
import {
  orgKey,
  orgTagKey,
  PUBLIC_TARGET,
  type ArticleAudience,
  type ArticleContent,
  type ArticleDoc,
  type ArticleUnavailable,
  type ArticleVersionDoc,
  type BranchReadFigures,
} from '../../../../src/shared/study';
import { sharePercent } from '../../../../src/shared/study/staff';
import { BODY_MAX, plainText, sanitizeBody } from './sanitize';

/** The keys an article answers to: 'public', and one per addressed node (per node and tag with a tag filter). */
export function targetsOf(audience: ArticleAudience): string[] {
  const keys = new Set<string>();
  if (audience.public) keys.add(PUBLIC_TARGET);
  for (const orgId of audience.orgIds) {
    if (audience.tags.length === 0) keys.add(orgKey(orgId));
    else for (const tag of audience.tags) keys.add(orgTagKey(orgId, tag));
  }
  return [...keys];
}

/** A reader as targeting sees them: a member's branch path and roster tags; a resident has neither. */
export interface Reader {
  openid: string;
  /** The member's branch and every node above it; empty for a resident. */
  orgPath: string[];
  tags: string[];
}

/** The keys a reader answers to: public, each node of their path, and each node with each of their tags. */
export function readerKeys(reader: Reader): string[] {
  const keys = [PUBLIC_TARGET];
  for (const orgId of reader.orgPath) {
    keys.push(orgKey(orgId));
    for (const tag of reader.tags) keys.push(orgTagKey(orgId, tag));
  }
  return keys;
}

/** Whether this reader is in the article's audience (public articles: everyone). */
export function addressedTo(article: Pick<ArticleDoc, 'targets'>, reader: Reader): boolean {
  const keys = new Set(readerKeys(reader));
  return article.targets.some((key) => keys.has(key));
}

/** Visible to readers at `now`: published, and its time has come. */
export function isLive(article: Pick<ArticleDoc, 'status' | 'publishAt'>, now: number): boolean {
  return article.status === 'published' && article.publishAt !== null && article.publishAt <= now;
}

/**
 * Why a reader may not open an article, or null when they may. A member-only article opened by someone outside its
 * audience (a forwarded share card) names only its title, so the page can explain politely.
 */
export function unavailableFor(article: ArticleDoc | null, reader: Reader, now: number): ArticleUnavailable | null {
  if (!article || article.status === 'draft') return { reason: 'missing' };
  if (article.status === 'withdrawn') return { reason: 'withdrawn' };
  if (!isLive(article, now)) return { reason: 'not_yet' };
  if (!addressedTo(article, reader)) return { reason: 'audience', title: article.title };
  return null;
}

/** What staff send for one version, before cleaning. */
export interface ContentInput {
  title: string;
  summary: string;
  cover: string | null;
  body: string;
  attachments: ArticleContent['attachments'];
  tags: string[];
  required: boolean;
}

/** The stored content: the body through the allow-list, the summary taken from it when left empty. */
export function cleanContent(input: ContentInput): ArticleContent {
  const body = sanitizeBody(input.body);
  const text = plainText(body);
  if (!text && !/<img /.test(body)) throw new AppError('STUDY.EMPTY_BODY', '正文是空的，请填写正文', { fields: { body: '正文是空的，请填写正文' } });
  if (body.length > BODY_MAX) throw new AppError('STUDY.BODY_TOO_LONG', '正文太长了，较长的文件请作为附件上传', { fields: { body: '正文太长了，较长的文件请作为附件上传' } });
  const summary = input.summary.trim() || Array.from(text.replace(/\s+/g, ' ')).slice(0, 60).join('');
  return {
    title: input.title.trim(),
    summary,
    cover: input.cover,
    body,
    attachments: input.attachments,
    tags: [...new Set(input.tags)],
    required: input.required,
  };
}

/** A member-only article needs someone to address; a public one may have nobody (then nobody gets it pushed). */
export function checkAudience(audience: ArticleAudience): void {
  if (!audience.public && audience.orgIds.length === 0) {
    throw new AppError('STUDY.NO_AUDIENCE', '请选择发给哪些支部，或设为公开', { fields: { audience: '请选择发给哪些支部，或设为公开' } });
  }
}

/** The version record of a save (append-only). */
export function versionOf(article: ArticleDoc, at: number): ArticleVersionDoc {
  const { title, summary, cover, body, attachments, tags, required } = article;
  return {
    _id: `${article._id}:v${article.version}`,
    articleId: article._id,
    version: article.version,
    title,
    summary,
    cover,
    body,
    attachments,
    tags,
    required,
    audience: article.audience,
    byOpenid: article.byOpenid,
    byName: article.byName,
    at,
  };
}

/** When a publish takes effect: now, or a later time staff chose (a time in the past means now). */
export function publishTime(at: number | undefined, now: number): number {
  return at !== undefined && at > now ? at : now;
}

/** Which statuses each staff step applies to. */
export function requirePublishable(article: ArticleDoc): void {
  if (article.status === 'published') throw new AppError('STUDY.STATE', '这篇文章已经发布了', { status: article.status });
}

/**
 * Per-branch figures from counts: members addressed and bound per branch (from the roster) and readers per branch
 * (from the receipts). Lowest share first, so branches that need a reminder come first; never a name.
 */
export function branchFigures(
  members: ReadonlyArray<{ branchId: string; targeted: number; reached: number }>,
  reads: ReadonlyMap<string, number>,
  names: ReadonlyMap<string, string>,
): BranchReadFigures[] {
  return members
    .map(({ branchId, targeted, reached }) => {
      const read = Math.min(targeted, reads.get(branchId) ?? 0);
      return { branchId, branchName: names.get(branchId) ?? '', targeted, reached, read, share: sharePercent(read, targeted) };
    })
    .sort((a, b) => a.share - b.share || a.branchName.localeCompare(b.branchName, 'zh'));
}
