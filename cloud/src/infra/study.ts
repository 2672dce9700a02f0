/**
 * 学习's storage: `articles` (current version), `article_versions` (every save), `study_receipts` (one per reader and
 * article), the figures from the roster and the receipts (aggregations, counts only), and the push job a publish
 * makes through the engine's publishJob.
 */
import type { OrgNodeDoc } from '../../../src/shared/identity';
import { templateTime } from '../../../src/shared/notify';
import { articleLink, receiptId, type ArticleDoc, type ArticleVersionDoc, type ReceiptDoc } from '../../../src/shared/study';
import { buildJob } from '../domain/push/job';
import { isDuplicateKey } from './cloud';
import type { Database, Stored } from './database';
import { jobsRepo, publishJob } from './push';

/** 正常 and 流动党员 are current members (as the push engine counts them). */
const CURRENT = ['正常', '流动党员'];

export function articlesRepo(db: Database) {
  const articles = db.collection<ArticleDoc>('articles');
  const versions = db.collection<ArticleVersionDoc>('article_versions');
  const _ = db.command;
  return {
    async byId(id: string): Promise<Stored<ArticleDoc> | null> {
      return (await articles.where({ _id: id }).limit(1).get())[0] ?? null;
    },
    /** Adds a new article; false when one with this id exists (a retried first save). */
    async addOnce(doc: ArticleDoc): Promise<boolean> {
      try {
        await articles.add(doc);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** Replaces the article when it is still at `version`; false when someone saved in between. */
    async replaceAt(doc: ArticleDoc, version: number): Promise<boolean> {
      const { _id: id, ...rest } = doc;
      return (await articles.where({ _id: id, version }).update(rest)).updated === 1;
    },
    async update(id: string, data: Partial<ArticleDoc>): Promise<void> {
      await articles.doc(id).update(data);
    },
    async addVersion(doc: ArticleVersionDoc): Promise<void> {
      try {
        await versions.add(doc);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async versions(articleId: string, limit: number): Promise<Array<Stored<ArticleVersionDoc>>> {
      return versions.where({ articleId }).orderBy('version', 'desc').limit(limit).get();
    },
    /** One page of what a reader may read: live, addressed to one of their keys, 必读 first then newest. */
    async forReader(keys: string[], now: number, options: { offset: number; limit: number; tag?: string; q?: string }) {
      const filter: Record<string, unknown> = { targets: _.in(keys), status: 'published', publishAt: _.lte(now) };
      if (options.tag) filter.tags = options.tag;
      if (options.q) filter.title = db.RegExp({ regexp: escapeRegex(options.q), options: 'i' });
      return articles
        .where(filter)
        .orderBy('required', 'desc')
        .orderBy('publishAt', 'desc')
        .skip(options.offset)
        .limit(options.limit)
        .field({ body: false })
        .get();
    },
    /** Articles written under a node whose publish time lies in [from, to), oldest first (the 台账). */
    async publishedIn(orgId: string, from: number, to: number, limit: number): Promise<Array<Stored<ArticleDoc>>> {
      return articles.where({ scopePath: orgId, publishAt: _.gte(from).and(_.lt(to)) }).orderBy('publishAt', 'asc').limit(limit).field({ body: false }).get();
    },
    /** The articles written under an admin's node, latest change first. */
    async inScope(orgId: string, offset: number, limit: number): Promise<Array<Stored<ArticleDoc>>> {
      return articles.where({ scopePath: orgId }).orderBy('updatedAt', 'desc').skip(offset).limit(limit).field({ body: false }).get();
    },
  };
}

export function receiptsRepo(db: Database) {
  const receipts = db.collection<ReceiptDoc>('study_receipts');
  const _ = db.command;
  return {
    /** Records a read; false when this reader had read it already (the id is the reader's and the article's). */
    async addOnce(doc: ReceiptDoc): Promise<boolean> {
      try {
        await receipts.add(doc);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** Which of these receipt ids exist. */
    async existing(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const found = await receipts.where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get();
      return new Set(found.map((doc) => doc._id));
    },
    async mine(openid: string, offset: number, limit: number): Promise<Array<Stored<ReceiptDoc>>> {
      return receipts.where({ openid }).orderBy('at', 'desc').skip(offset).limit(limit).get();
    },
    /** Readers of an article per branch (one aggregation). */
    async readsPerBranch(articleId: string): Promise<Map<string, number>> {
      const rows = await receipts
        .aggregate()
        .match({ articleId, branchId: _.neq(null) })
        .group({ _id: '$branchId', n: { $sum: 1 } })
        .end<{ _id: string; n: number }>();
      return new Map(rows.map((row) => [row._id, row.n]));
    },
  };
}

/** A member's roster tags (targeting by tag); none when the entry is gone. */
export async function memberTags(db: Database, rosterId: string | undefined): Promise<string[]> {
  if (!rosterId) return [];
  const found = await db.collection<{ tags: string[] }>('roster').where({ _id: rosterId }).field({ tags: true }).limit(1).get();
  return found[0]?.tags ?? [];
}

/** Current members per branch under the addressed nodes (with a tag filter): addressed and bound counts. */
export async function membersPerBranch(db: Database, orgIds: string[], tags: string[]): Promise<Array<{ branchId: string; targeted: number; reached: number }>> {
  if (orgIds.length === 0) return [];
  const _ = db.command;
  const rows = await db
    .collection('roster')
    .aggregate()
    .match({ orgPath: _.in(orgIds), status: _.in(CURRENT), ...(tags.length > 0 ? { tags: _.in(tags) } : {}) })
    .group({ _id: '$branchId', targeted: { $sum: 1 }, reached: { $sum: { $cond: [{ $gt: ['$boundOpenid', null] }, 1, 0] } } })
    .end<{ _id: string; targeted: number; reached: number }>();
  return rows.map((row) => ({ branchId: row._id, targeted: row.targeted, reached: row.reached }));
}

/**
 * An article's read figures per branch in one aggregation over the roster: each current, addressed member is joined to
 * their receipt by its deterministic id (receiptId), so targeted, reached (bound) and read are counted together —
 * reads are those of the members addressed now, never more than targeted.
 */
export async function readFiguresPerBranch(
  db: Database,
  articleId: string,
  orgIds: string[],
  tags: string[],
): Promise<Array<{ branchId: string; targeted: number; reached: number; read: number }>> {
  if (orgIds.length === 0) return [];
  const _ = db.command;
  const rows = await db
    .collection('roster')
    .aggregate()
    .match({ orgPath: _.in(orgIds), status: _.in(CURRENT), ...(tags.length > 0 ? { tags: _.in(tags) } : {}) })
    .project({ branchId: 1, bound: { $gt: ['$boundOpenid', null] }, receipt: { $concat: [receiptId(articleId, ''), { $ifNull: ['$boundOpenid', ''] }] } })
    .lookup({ from: 'study_receipts', localField: 'receipt', foreignField: '_id', as: 'read' })
    .group({ _id: '$branchId', targeted: { $sum: 1 }, reached: { $sum: { $cond: ['$bound', 1, 0] } }, read: { $sum: { $size: '$read' } } })
    .end<{ _id: string; targeted: number; reached: number; read: number }>();
  return rows.map((row) => ({ branchId: row._id, targeted: row.targeted, reached: row.reached, read: row.read }));
}

/**
 * Makes the engine's push job for a published article (once per article version: the origin is `<id>:v<version>`),
 * so the addressed members see it in 消息中心 too and, when asked, get a WeChat message. Returns the job id, or null
 * when nobody is addressed (a public article written for residents only).
 */
export async function pushArticle(
  db: Database,
  article: ArticleDoc,
  orgs: ReadonlyArray<Stored<OrgNodeDoc>>,
  options: { subscribe: boolean; now: number; by: { openid: string; name: string } },
): Promise<string | null> {
  const orgIds = article.audience.orgIds.length > 0 ? article.audience.orgIds : article.audience.public ? [article.scopeOrgId] : [];
  if (orgIds.length === 0 || article.publishAt === null) return null;
  const job = buildJob(
    {
      origin: { feature: 'study', key: `${article._id}:v${article.version}` },
      audience: { orgIds, tags: article.audience.tags },
      message: {
        kind: 'study',
        title: `${article.required ? '必读' : '学习'}：${article.title}`,
        body: article.summary,
        link: articleLink(article._id),
        template: options.subscribe ? 'notice' : null,
        values: { thing1: article.title, thing2: article.summary, time3: templateTime(article.publishAt) },
      },
      sendAt: article.publishAt,
      scopePath: article.scopePath,
      by: options.by,
    },
    options.now,
  );
  const { job: stored } = await publishJob(db, orgs, job, options.now);
  return stored._id;
}

/** Stops an article's push that has not gone out yet (withdrawn before its time); one already shown stays shown. */
export async function cancelPendingPush(db: Database, jobId: string, now: number): Promise<void> {
  const jobs = jobsRepo(db);
  const job = await jobs.byId(jobId);
  if (!job || job.sendAt <= now) return;
  if (await jobs.transition(jobId, ['scheduled', 'running', 'paused'], 'cancelled', now)) await jobs.removeBroadcast(jobId);
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
