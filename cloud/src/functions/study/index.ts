/**
 * `study`: 学习. Readers list what is addressed to them (one indexed query for the page of articles, one for their
 * receipts of that page; a member's roster tags come with the caller's user) and open an article — the first open records one receipt
 * (one write under a deterministic id, so concurrent first opens still make one). Staff write articles in their
 * scope: every save is a version (append-only) and audited; publishing (now or at a time — checked at read time, so no
 * timer is needed) makes the push engine's job; withdrawing hides it. Figures are counts per branch, never people.
 */
import { createHash } from 'node:crypto';
import { study } from '../../../../src/shared/contracts/study';
import { studyQuiz } from '../../../../src/shared/contracts/study-quiz';
import { studyStaff } from '../../../../src/shared/contracts/study-staff';
import { AppError } from '../../../../src/shared/errors';
import type { OrgNodeDoc } from '../../../../src/shared/identity';
import { sharePercent, shownStatus } from '../../../../src/shared/study/staff';
import {
  orgKey,
  receiptId,
  type ArticleCard,
  type ArticleDoc,
  type ArticleFigures,
  type ArticleStaffCard,
  type ArticleStaffView,
  type ArticleView,
} from '../../../../src/shared/study';
import { serve, type RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { branchFigures, checkAudience, cleanContent, publishTime, readerKeys, targetsOf, unavailableFor, versionOf, type Reader } from '../../domain/study/articles';
import { imageFileIds, withImageUrls } from '../../domain/study/sanitize';
import { downloadFile, getTempFileURL, uploadFile } from '../../infra/cloud';
import { readTable } from '../../domain/roster/table';
import { readQuestions } from '../../domain/study/quiz-import';
import { quizRepo } from '../../infra/quiz';
import { buildStudyLedger } from '../../domain/study/ledger';
import { checkQuestion, quizBranchFigures } from '../../domain/study/quiz';
import { JUDGE_OPTIONS, type QuestionDoc } from '../../../../src/shared/study/quiz';
import { addDays, endOfChinaDay } from '../../../../src/shared/calendar';
import type { Stored } from '../../infra/database';
import { orgNodes } from '../../infra/push';
import { quizHandlers } from './quiz';
import { articlesRepo, cancelPendingPush, memberTags, membersPerBranch, pushArticle, readFiguresPerBranch, receiptsRepo } from '../../infra/study';
import { newUploadPath, ownUploads, requireOwnTable } from '../../infra/uploads';

/** A 台账 covers at most this many articles (each costs two aggregations). */
const LEDGER_LIMIT = 300;
const LEDGER_LINK_SECONDS = 600;

/** Short-lived links for images and attachments: long enough to read an article. */
const FILE_URL_SECONDS = 2 * 3600;

export const main = serve({ ...study, ...studyStaff, ...studyQuiz }, {
  ...quizHandlers(readerOf),
  list: async ({ offset, limit, tag, q }, ctx) => {
    const reader = await readerOf(ctx);
    const found = await articlesRepo(ctx.db).forReader(readerKeys(reader), ctx.now, { offset, limit: limit + 1, tag, q: q || undefined });
    const page = found.slice(0, limit);
    const read = await receiptsRepo(ctx.db).existing(page.map((doc) => receiptId(doc._id, reader.openid)));
    const covers = await fileUrls(page.map((doc) => doc.cover));
    return { items: page.map((doc) => card(doc, read.has(receiptId(doc._id, reader.openid)), covers)), hasMore: found.length > limit };
  },
  get: async ({ id }, ctx) => {
    const { caller, db, now } = ctx;
    const reader = await readerOf(ctx);
    const doc = await articlesRepo(db).byId(id);
    const unavailable = unavailableFor(doc, reader, now);
    if (unavailable || !doc) return { article: null, unavailable: unavailable ?? { reason: 'missing' } };
    // The first open is the receipt; later opens find it (a duplicate id) and write nothing.
    await receiptsRepo(db).addOnce({
      _id: receiptId(doc._id, caller.openid),
      articleId: doc._id,
      openid: caller.openid,
      branchId: caller.memberBranchId,
      orgPath: caller.memberOrgPath ?? [],
      title: doc.title,
      at: now,
    });
    return { article: await articleView(doc, true), unavailable: null };
  },
  mine: async ({ offset, limit }, { caller, db }) => {
    // The caller's own receipts only: the openid comes from WeChat, never from the payload.
    const found = await receiptsRepo(db).mine(caller.openid, offset, limit + 1);
    return { items: found.slice(0, limit).map((doc) => ({ articleId: doc.articleId, title: doc.title, at: doc.at })), hasMore: found.length > limit };
  },
  staffList: async ({ orgId, offset, limit }, { caller, db, now }) => {
    const orgs = await orgNodes(db);
    requireScope(caller, pathOf(orgs, orgId));
    const found = await articlesRepo(db).inScope(orgId, offset, limit + 1);
    return { items: found.slice(0, limit).map((doc) => staffCard(doc, orgs, now)), hasMore: found.length > limit };
  },
  staffGet: async ({ id }, ctx) => {
    const doc = await ownArticle(id, ctx);
    return { article: await staffView(doc, ctx) };
  },
  save: async (input, ctx) => {
    const { caller, db, now } = ctx;
    const orgs = await orgNodes(db);
    const repo = articlesRepo(db);
    const scope = orgs.find((org) => org._id === input.orgId);
    if (!scope) throw new AppError('ORG.NOT_FOUND', '没有找到这个组织');
    requireScope(caller, scope.path);
    for (const orgId of input.audience.orgIds) {
      const node = orgs.find((org) => org._id === orgId);
      if (!node || !node.path.includes(scope._id)) {
        throw new AppError('ORG.NOT_FOUND', '所选支部不在发布范围内', { fields: { audience: '所选支部不在发布范围内' } });
      }
    }
    const audience = { public: input.audience.public, orgIds: [...new Set(input.audience.orgIds)], tags: [...new Set(input.audience.tags)] };
    checkAudience(audience);
    const content = cleanContent(input);
    const by = { byOpenid: caller.openid, byName: caller.name };
    const existingDoc = input.id ? await ownArticle(input.id, ctx) : null;
    await requireOwnFiles(ctx, content, existingDoc);
    if (!input.id) {
      const doc: ArticleDoc = {
        _id: `art-${createHash('sha256').update(`${caller.openid}\n${input.requestId}`).digest('hex').slice(0, 24)}`,
        ...content,
        audience,
        targets: [],
        status: 'draft',
        publishAt: null,
        version: 1,
        publishedVersion: null,
        scopeOrgId: scope._id,
        scopePath: scope.path,
        pushJobId: null,
        ...by,
        createdAt: now,
        updatedAt: now,
      };
      // A retried first save finds the article it made (same request id) instead of making a second.
      if (await repo.addOnce(doc)) {
        await repo.addVersion(versionOf(doc, now));
        await audit(ctx, 'study.create', doc, `新建学习文章（第 1 版）`);
      }
      return { article: await staffView((await repo.byId(doc._id)) ?? doc, ctx) };
    }
    const existing = existingDoc ?? (await ownArticle(input.id, ctx));
    if (input.baseVersion !== undefined && input.baseVersion !== existing.version) {
      throw new AppError('STUDY.STALE', '这篇文章刚被其他人修改过，请刷新后再改', { version: existing.version });
    }
    const next: ArticleDoc = {
      ...existing,
      ...content,
      audience,
      // A live article's audience change takes effect at once; a draft gets its targets when published.
      targets: existing.status === 'published' ? targetsOf(audience) : existing.targets,
      version: existing.version + 1,
      ...by,
      updatedAt: now,
    };
    if (!(await repo.replaceAt(next, existing.version))) {
      throw new AppError('STUDY.STALE', '这篇文章刚被其他人修改过，请刷新后再改', { version: existing.version });
    }
    await repo.addVersion(versionOf(next, now));
    await audit(ctx, 'study.edit', next, `修改学习文章（第 ${next.version} 版${existing.status === 'published' ? '，发布后修改' : ''}）`);
    return { article: await staffView(next, ctx) };
  },
  publish: async ({ id, at, subscribe }, ctx) => {
    const { caller, db, now } = ctx;
    const repo = articlesRepo(db);
    const doc = await ownArticle(id, ctx);
    // Asked twice (a retry, a double tap): the article is already published; the push job is the first one.
    if (doc.status === 'published') return { article: await staffView(doc, ctx) };
    checkAudience(doc.audience);
    const publishAt = publishTime(at, now);
    const next: ArticleDoc = { ...doc, status: 'published', publishAt, publishedVersion: doc.version, targets: targetsOf(doc.audience), updatedAt: now };
    next.pushJobId = await pushArticle(db, next, await orgNodes(db), { subscribe, now, by: { openid: caller.openid, name: caller.name } });
    await repo.update(id, {
      status: next.status,
      publishAt,
      publishedVersion: next.publishedVersion,
      targets: next.targets,
      pushJobId: next.pushJobId,
      updatedAt: now,
    });
    await audit(ctx, 'study.publish', next, publishAt > now ? `定时发布（第 ${next.version} 版）` : `发布（第 ${next.version} 版）`);
    return { article: await staffView(next, ctx) };
  },
  withdraw: async ({ id }, ctx) => {
    const { db, now } = ctx;
    const doc = await ownArticle(id, ctx);
    if (doc.status === 'withdrawn') return { article: await staffView(doc, ctx) };
    if (doc.status !== 'published') throw new AppError('STUDY.STATE', '草稿还没有发布，不需要撤回', { status: doc.status });
    if (doc.pushJobId) await cancelPendingPush(db, doc.pushJobId, now);
    const next: ArticleDoc = { ...doc, status: 'withdrawn', updatedAt: now };
    await articlesRepo(db).update(id, { status: 'withdrawn', updatedAt: now });
    await audit(ctx, 'study.withdraw', next, `撤回（第 ${doc.version} 版）`);
    return { article: await staffView(next, ctx) };
  },
  figures: async ({ id }, ctx) => {
    const doc = await ownArticle(id, ctx);
    return articleFigures(doc, ctx, await orgNodes(ctx.db));
  },
  // Where the editor uploads a cover or an attachment: a random path remembered as the caller's (save checks it).
  filePath: async ({ ext }, ctx) => ({ cloudPath: await newUploadPath(ctx.db, ctx.caller.openid, ext, ctx.now) }),
  quizImport: async ({ fileID }, ctx) => {
    const kind = await requireOwnTable(ctx.db, ctx.caller.openid, fileID);
    let bytes: Buffer;
    try {
      bytes = await downloadFile(fileID);
    } catch {
      throw new AppError('INPUT.INVALID', '文件没有上传成功，请重新选择', { fields: { fileID: '文件没有上传成功，请重新选择' } });
    }
    const result = readQuestions(await readTable(bytes, kind));
    if (result.questions.length + result.errors.length > 1000) throw new AppError('INPUT.INVALID', '一次最多导入 1000 道题', { fields: { fileID: '一次最多导入 1000 道题' } });
    return result;
  },
  sessionSave: async (input, ctx) => {
    const { caller, db, now } = ctx;
    const orgs = await orgNodes(db);
    const scope = orgs.find((org) => org._id === input.orgId);
    if (!scope) throw new AppError('ORG.NOT_FOUND', '没有找到这个组织');
    requireScope(caller, scope.path);
    for (const branchId of input.branchIds) {
      const node = orgs.find((org) => org._id === branchId);
      if (!node || !node.path.includes(scope._id)) throw new AppError('ORG.NOT_FOUND', '所选支部不在范围内', { fields: { branchIds: '所选支部不在范围内' } });
    }
    if (input.closesAt <= input.opensAt) throw new AppError('INPUT.INVALID', '结束时间要晚于开始时间', { fields: { closesAt: '结束时间要晚于开始时间' } });
    const normalized = checkedQuestions(input.questions);
    // The same request (a retry, a double tap) arranges one session.
    const quizId = `session-${createHash('sha256').update(`${caller.openid}\n${input.requestId}`).digest('hex').slice(0, 24)}`;
    const repo = quizRepo(db);
    const existing = await repo.quiz(quizId);
    if (existing) return { quizId, questions: existing.questionIds.length };
    const docs = questionDocs(quizId, normalized, '应知应会', scope.path, now);
    await repo.addQuestions(docs);
    const orgIds = [...new Set(input.branchIds)];
    await repo.setQuiz({
      _id: quizId,
      title: input.title,
      articleId: null,
      session: { orgIds, targets: orgIds.map(orgKey), opensAt: input.opensAt, closesAt: input.closesAt },
      questionIds: docs.map((item) => item._id),
      draw: Math.min(input.draw, docs.length),
      passScore: input.passScore,
      scopePath: scope.path,
      createdAt: now,
    });
    await ctx.db.collection('audit_log').add({ type: 'study.session', byOpenid: caller.openid, byName: caller.name, orgId: scope._id, targetId: quizId, targetName: input.title, detail: `测试场次：${orgIds.length} 个支部，${docs.length} 题`, at: now });
    return { quizId, questions: docs.length };
  },
  sessionList: async ({ orgId }, { caller, db, now }) => {
    const orgs = await orgNodes(db);
    requireScope(caller, pathOf(orgs, orgId));
    const found = await quizRepo(db).sessionsInScope(orgId, 50);
    return {
      items: found.flatMap((quiz) =>
        quiz.session
          ? [{
              quizId: quiz._id,
              title: quiz.title,
              opensAt: quiz.session.opensAt,
              closesAt: quiz.session.closesAt,
              open: quiz.session.opensAt <= now && now < quiz.session.closesAt,
              branchNames: quiz.session.orgIds.map((id) => orgs.find((org) => org._id === id)?.name ?? id),
              questions: quiz.questionIds.length,
            }]
          : [],
      ),
    };
  },
  quizSave: async ({ articleId, draw, passScore, questions }, ctx) => {
    const { db, now } = ctx;
    const doc = await ownArticle(articleId, ctx);
    const normalized = checkedQuestions(questions);
    const quizId = `quiz-${doc._id}`;
    const docs = questionDocs(quizId, normalized, doc.tags[0] ?? '应知应会', doc.scopePath, now);
    const repo = quizRepo(db);
    await repo.addQuestions(docs);
    await repo.setQuiz({ _id: quizId, title: doc.title, articleId: doc._id, questionIds: docs.map((item) => item._id), draw: Math.min(draw, docs.length), passScore, scopePath: doc.scopePath, createdAt: now });
    await articlesRepo(db).update(doc._id, { quizId, updatedAt: now });
    await audit(ctx, 'study.quiz', doc, `应知应会测试：${docs.length} 题，每次抽 ${Math.min(draw, docs.length)} 题，${passScore} 分及格`);
    return { quizId, questions: docs.length };
  },
  ledger: async ({ orgId, from, to }, ctx) => {
    const { caller, db, now } = ctx;
    const orgs = await orgNodes(db);
    const org = orgs.find((item) => item._id === orgId);
    if (!org) throw new AppError('ORG.NOT_FOUND', '没有找到这个组织');
    requireScope(caller, org.path);
    const period = periodOf(from, to);
    const docs = (await articlesRepo(db).publishedIn(orgId, period.from, period.to, LEDGER_LIMIT + 1)).filter((doc) => doc.status !== 'draft');
    if (docs.length > LEDGER_LIMIT) throw new AppError('INPUT.INVALID', `该时段文章超过 ${LEDGER_LIMIT} 篇，请缩短时段分批导出`, { fields: { from: '时段太长' } });
    const articles = [];
    const quizzes = [];
    const names = new Map(orgs.map((item) => [item._id, item.name]));
    for (const doc of docs) {
      const figures = await articleFigures(doc, ctx, orgs);
      articles.push({ title: doc.title, publishAt: doc.publishAt ?? doc.updatedAt, required: doc.required, branches: figures.branches });
      const quiz = doc.quizId ? await quizRepo(db).quiz(doc.quizId) : null;
      if (quiz) {
        const taken = await quizRepo(db).takenPerBranch(quiz._id, quiz.passScore);
        const members = figures.branches.map((row) => ({ branchId: row.branchId, targeted: row.targeted }));
        quizzes.push({ title: quiz.title, branches: quizBranchFigures(members, taken, names) });
      }
    }
    // 测试场次 arranged in scope whose window overlaps the period.
    for (const session of await quizRepo(db).sessionsInScope(orgId, 200)) {
      if (!session.session || session.session.opensAt >= period.to || session.session.closesAt <= period.from) continue;
      const [members, taken] = await Promise.all([membersPerBranch(db, session.session.orgIds, []), quizRepo(db).takenPerBranch(session._id, session.passScore)]);
      quizzes.push({ title: `${session.title}（测试场次）`, branches: quizBranchFigures(members, taken, names) });
    }
    const workbook = await buildStudyLedger({ orgName: org.name, from, to, generatedAt: now, generatedBy: caller.name || '管理员', articles, quizzes });
    const fileID = await uploadFile(`exports/study/${org._id}/${now}.xlsx`, workbook);
    const [link] = await getTempFileURL([fileID], LEDGER_LINK_SECONDS);
    if (!link || link.status !== 0) throw new AppError('STUDY.EXPORT_LINK', '台账已生成，但下载链接获取失败，请稍后再试');
    // The export is the audited read of the figures.
    await db.collection('audit_log').add({ type: 'study.export', byOpenid: caller.openid, byName: caller.name, orgId: org._id, targetId: org._id, targetName: org.name, detail: `导出学习台账 ${from} 至 ${to}（${docs.length} 篇）`, fileID, at: now });
    return { url: link.tempFileURL, fileID, rows: docs.length };
  },
});

/** An article's read figures per branch: only addressed nodes inside the caller's own scope are counted. */
async function articleFigures(doc: ArticleDoc, { caller, db }: RequestContext, orgs: ReadonlyArray<Stored<OrgNodeDoc>>): Promise<ArticleFigures> {
  // A public article counts the members of the scope it was written under; otherwise those addressed.
  const addressed = (doc.audience.orgIds.length > 0 ? doc.audience.orgIds : [doc.scopeOrgId]).filter((orgId) =>
    caller.adminOrgIds.some((own) => (orgs.find((org) => org._id === orgId)?.path ?? []).includes(own)),
  );
  const members = await readFiguresPerBranch(db, doc._id, addressed, doc.audience.tags);
  const branches = branchFigures(members, new Map(members.map((row) => [row.branchId, row.read])), new Map(orgs.map((org) => [org._id, org.name])));
  const total = branches.reduce((sum, row) => ({ targeted: sum.targeted + row.targeted, reached: sum.reached + row.reached, read: sum.read + row.read }), { targeted: 0, reached: 0, read: 0 });
  return { articleId: doc._id, title: doc.title, ...total, share: sharePercent(total.read, total.targeted), branches };
}

/** Questions as stored: 判断题 get 正确/错误; each checked, the first fault named with its number. */
function checkedQuestions<Q extends { kind: QuestionDoc['kind']; options: string[]; answer: number[]; stem: string; explanation: string }>(questions: readonly Q[]): Q[] {
  const normalized = questions.map((question) => ({ ...question, options: question.kind === 'judge' ? JUDGE_OPTIONS : question.options }));
  normalized.forEach((question, index) => {
    const problem = checkQuestion(question);
    if (problem) throw new AppError('QUIZ.QUESTION', `第 ${index + 1} 题：${problem}`, { fields: { [`questions.${index}`]: problem } });
  });
  return normalized;
}

/** New question ids per save: earlier attempts keep pointing at the questions they were asked. */
function questionDocs(quizId: string, questions: ReturnType<typeof checkedQuestions>, topic: string, scopePath: string[], now: number): QuestionDoc[] {
  return questions.map((question, index) => ({
    _id: `${quizId}-${now}-${index + 1}`,
    topic,
    kind: question.kind,
    stem: question.stem,
    options: question.options,
    answer: [...new Set(question.answer)],
    explanation: question.explanation,
    scopePath,
    createdAt: now,
  }));
}

/**
 * A cover or attachment new to the article must be the caller's own upload (a path case.photoPath handed them): members
 * get short-lived links to these files, so a stranger's fileID (a resident's case photo) must never be put in front of
 * them. Files the article already has stay whoever added them.
 */
async function requireOwnFiles(ctx: RequestContext, content: { cover: string | null; attachments: ReadonlyArray<{ fileId: string; kind: 'pdf' | 'image' }> }, existing: ArticleDoc | null): Promise<void> {
  const kept = new Set(existing ? [existing.cover, ...existing.attachments.map((item) => item.fileId)] : []);
  const added = [content.cover, ...content.attachments.map((item) => item.fileId)].filter((fileID): fileID is string => fileID !== null && !kept.has(fileID));
  if (added.length === 0) return;
  const pdfs = new Set(content.attachments.filter((item) => item.kind === 'pdf').map((item) => item.fileId));
  const mine = await ownUploads(ctx.db, ctx.caller.openid, added);
  // A PDF attachment is a .pdf; a cover or a picture is an image.
  if (added.every((fileID) => mine.has(fileID) && (mine.get(fileID) === 'pdf') === pdfs.has(fileID))) return;
  const message = '封面或附件没有上传成功，请删除后重新添加';
  throw new AppError('INPUT.INVALID', message, { fields: { attachments: message } });
}

/** Epoch ms [from, to) of China dates given inclusive. */
function periodOf(from: string, to: string): { from: number; to: number } {
  if (from > to) throw new AppError('INPUT.INVALID', '开始日期不能晚于结束日期', { fields: { from: '开始日期不能晚于结束日期' } });
  return { from: endOfChinaDay(addDays(from, -1)) + 1, to: endOfChinaDay(to) + 1 };
}

/**
 * Who reads: a member's branch path and roster tags (copied onto the user at binding and on staff edits, so no roster
 * read; a binding older than the copy reads its entry once more); a resident (or staff who are not members) has neither.
 */
async function readerOf({ caller, db }: RequestContext): Promise<Reader> {
  const orgPath = caller.memberOrgPath ?? [];
  if (orgPath.length === 0) return { openid: caller.openid, orgPath, tags: [] };
  return { openid: caller.openid, orgPath, tags: caller.memberTags ?? (await memberTags(db, caller.memberRosterId)) };
}

/** An article in the caller's scope; someone else's reads as unknown. */
async function ownArticle(id: string, { caller, db }: RequestContext): Promise<Stored<ArticleDoc>> {
  const doc = await articlesRepo(db).byId(id);
  if (!doc) throw new AppError('STUDY.NOT_FOUND', '没有找到这篇文章');
  requireScope(caller, doc.scopePath, '这篇文章');
  return doc;
}

function pathOf(orgs: ReadonlyArray<Stored<OrgNodeDoc>>, orgId: string): string[] {
  const org = orgs.find((item) => item._id === orgId);
  if (!org) throw new AppError('ORG.NOT_FOUND', '没有找到这个组织');
  return org.path;
}

/** Short-lived URLs of cloud files (https links stay as they are). */
async function fileUrls(refs: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set(refs.filter((ref): ref is string => !!ref && ref.startsWith('cloud://')))];
  const urls = new Map<string, string>();
  if (ids.length === 0) return urls;
  for (const link of await getTempFileURL(ids, FILE_URL_SECONDS)) if (link.status === 0) urls.set(link.fileID, link.tempFileURL);
  return urls;
}

const shown = (ref: string | null, urls: ReadonlyMap<string, string>): string | null => (ref ? (urls.get(ref) ?? (ref.startsWith('https://') ? ref : null)) : null);

function card(doc: ArticleDoc, read: boolean, urls: ReadonlyMap<string, string>): ArticleCard {
  return {
    id: doc._id,
    title: doc.title,
    summary: doc.summary,
    cover: shown(doc.cover, urls),
    tags: doc.tags,
    required: doc.required,
    publishAt: doc.publishAt ?? doc.updatedAt,
    read,
  };
}

/** What a reader (or the editor's preview) sees: the same sanitized body, files as short-lived URLs. */
async function articleView(doc: ArticleDoc, read: boolean): Promise<ArticleView> {
  const urls = await fileUrls([doc.cover, ...imageFileIds(doc.body), ...doc.attachments.map((item) => item.fileId)]);
  return {
    ...card(doc, read, urls),
    body: withImageUrls(doc.body, urls),
    attachments: doc.attachments.flatMap((item) => {
      const url = shown(item.fileId, urls);
      return url ? [{ name: item.name, kind: item.kind, url }] : [];
    }),
    memberOnly: !doc.audience.public,
    version: doc.version,
    quizId: doc.quizId ?? null,
  };
}

function staffCard(doc: ArticleDoc, orgs: ReadonlyArray<OrgNodeDoc>, now: number): ArticleStaffCard {
  return {
    id: doc._id,
    title: doc.title,
    status: shownStatus(doc, now),
    required: doc.required,
    publishAt: doc.publishAt,
    version: doc.version,
    audienceNames: doc.audience.orgIds.map((id) => orgs.find((org) => org._id === id)?.name ?? id),
    public: doc.audience.public,
    scopeOrgId: doc.scopeOrgId,
    quizId: doc.quizId ?? null,
    byName: doc.byName,
    updatedAt: doc.updatedAt,
  };
}

async function staffView(doc: ArticleDoc, { db, now }: RequestContext): Promise<ArticleStaffView> {
  const [orgs, versions] = await Promise.all([orgNodes(db), articlesRepo(db).versions(doc._id, 50)]);
  const preview = await articleView(doc, false);
  const { title, summary, cover, attachments, tags, required } = doc;
  return {
    ...staffCard(doc, orgs, now),
    content: { title, summary, cover, body: doc.body, attachments, tags, required },
    // The body as members will see it: the stored, sanitized body with its files resolved.
    preview: preview.body,
    audience: doc.audience,
    versions: versions.map((version) => ({ version: version.version, at: version.at, byName: version.byName, title: version.title })),
    pushJobId: doc.pushJobId,
  };
}

/** One record of `audit_log` per staff step on an article (留痕). */
async function audit(ctx: RequestContext, type: string, doc: ArticleDoc, detail: string): Promise<void> {
  await ctx.db.collection('audit_log').add({
    type,
    byOpenid: ctx.caller.openid,
    byName: ctx.caller.name,
    orgId: doc.scopeOrgId,
    targetId: doc._id,
    targetName: doc.title,
    detail,
    at: ctx.now,
  });
}
