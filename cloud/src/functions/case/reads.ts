/**
 * Reading cases: the case page (per-viewer view and buttons), staff reading a contact (audited), and the three lists
 * (我也遇到 suggestions are in offers.ts). Every list is one indexed, paginated query (see database/collections/cases.json).
 */
import { actionsFor } from '../../../../src/shared/cases/relations';
import { STATE_LABELS } from '../../../../src/shared/cases/states';
import type { CaseContact } from '../../../../src/shared/cases/model';
import type { CaseDetail, CaseList, CaseListItem, DeputyTab } from '../../../../src/shared/contracts/case';
import { forbidden } from '../../../../src/shared/errors';
import type { RequestContext } from '../../app/serve';
import { canRead, caseNotFound, contactReadEvent, viewCase, viewerRole, type Viewer } from '../../domain/cases/visibility';
import type { Filter, Projection, Query } from '../../infra/database';
import { requireScope } from '../../domain/access';
import { signedPhotoUrls } from './photos';
import { loadOrg, loadStudio } from './reference';
import { appendEvents, AWAITING_END, casesOf, loadCase, loadEvents, type StoredCase } from './store';
import { actorOf } from './transitions';

/**
 * The case as the caller may see it. Someone else's case answers exactly as an unknown id does (CASE.NOT_FOUND), so
 * ids cannot be probed for which exist.
 */
export async function caseDetail(caseId: string, ctx: RequestContext): Promise<CaseDetail> {
  const [doc, events] = await Promise.all([loadCase(ctx.db, caseId), loadEvents(ctx.db, caseId)]);
  const actor = actorOf(ctx.caller);
  if (!canRead(doc, actor)) throw caseNotFound();
  const view = viewCase(doc, events, actor);
  // URLs only for the photos this viewer's view holds: a photo is never signed for someone who may not see it.
  const photoUrls = await signedPhotoUrls([...(view.photos ?? []), ...(view.reply?.photos ?? [])]);
  const detail: CaseDetail = { case: view, actions: actionsFor(doc, actor), photoUrls };
  if (view.as === 'resident' || view.as === 'follower') return detail;
  const studio = await loadStudio(ctx.db, doc.handler?.studioId ?? doc.studioId);
  return { ...detail, deputies: Object.entries(studio.deputies).map(([openid, name]) => ({ openid, name })) };
}

/** The reporter's contact for a call back: staff only, never a deputy the resident hid it from; the read is audited. */
export async function readContact(caseId: string, ctx: RequestContext): Promise<{ contact: CaseContact }> {
  const doc = await loadCase(ctx.db, caseId);
  const viewer: Viewer & { name: string } = { ...actorOf(ctx.caller), revealContact: true };
  const as = viewerRole(doc, viewer);
  if (as !== 'admin' && as !== 'deputy') throw forbidden('只有承办代表和辖区管理员可以查看联系方式');
  const view = viewCase(doc, [], viewer);
  if (view.contactHidden) throw forbidden('居民选择不向代表公开联系方式，请联系辖区管理员回访');
  if (view.contactRevealed) await appendEvents(ctx.db, [contactReadEvent(doc, viewer, ctx.now)]);
  return { contact: view.contact ?? {} };
}

/** 我的意见: cases I submitted, claimed or joined, newest first. */
export function myCases(page: Page, ctx: RequestContext): Promise<CaseList> {
  return pageOf(casesOf(ctx.db).where({ followers: ctx.caller.openid }).orderBy('createdAt', 'desc'), page);
}

/** The deputy's inbox: cases handled by their studios (them included); awaiting a reply first, overdue first, then by deadline. */
export function deputyInbox(input: Page & { tab: DeputyTab }, ctx: RequestContext): Promise<CaseList> {
  const _ = ctx.db.command;
  const studios = { 'handler.studioId': _.in(ctx.caller.deputyStudioIds) };
  // 待办 and 已答复 hold what is this deputy's: handed to them, or to their studio as a whole (no deputy named).
  const mine = _.or([{ 'handler.deputyOpenid': ctx.caller.openid }, { 'handler.deputyOpenid': _.exists(false) }]);
  // `queue` starts with '0|' while a case awaits its reply (store.ts): a range on the index's second field.
  const filter: Filter =
    input.tab === 'todo'
      ? _.and([{ ...studios, queue: _.lt(AWAITING_END) }, mine])
      : input.tab === 'answered'
        ? _.and([{ ...studios, queue: _.gte(AWAITING_END) }, mine])
        : studios;
  return pageOf(casesOf(ctx.db).where(filter).orderBy('queue', 'asc'), input);
}

/** Cases of an organisation node and everything below it (scope checked); 督办 only, or one state. */
export async function adminList(
  input: Page & { orgId: string; state?: StoredCase['state']; supervised?: true },
  ctx: RequestContext,
): Promise<CaseList> {
  const org = await loadOrg(ctx.db, input.orgId);
  requireScope(ctx.caller, org.path, org.name);
  const cases = casesOf(ctx.db);
  if (input.supervised) return pageOf(cases.where({ orgPath: input.orgId, supervised: true }).orderBy('deadline', 'asc'), input);
  const filter: Filter = input.state ? { orgPath: input.orgId, state: input.state } : { orgPath: input.orgId };
  return pageOf(cases.where(filter).orderBy('createdAt', 'desc'), input);
}

interface Page {
  offset: number;
  limit: number;
}

const LIST_FIELDS: Projection = {
  _id: true, receiptNo: true, source: true, studioId: true, category: true, title: true, state: true, createdAt: true, updatedAt: true,
  deadline: true, overdue: true, supervised: true, handler: true, followers: true, reporterOpenid: true,
};

/** One page (one query: a row more than asked tells whether there is a next page). */
async function pageOf(query: Query<StoredCase>, page: Page): Promise<CaseList> {
  const found = await query.skip(page.offset).limit(page.limit + 1).field(LIST_FIELDS).get();
  return { items: found.slice(0, page.limit).map(listItem), hasMore: found.length > page.limit };
}

function listItem(doc: StoredCase): CaseListItem {
  return {
    id: doc._id,
    receiptNo: doc.receiptNo,
    source: doc.source,
    studioId: doc.studioId,
    category: doc.category,
    title: doc.title,
    state: doc.state,
    stateLabel: STATE_LABELS[doc.state],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    ...(doc.deadline ? { deadline: doc.deadline } : {}),
    overdue: doc.overdue,
    supervised: doc.supervised,
    ...(doc.handler?.deputyName ? { handlerName: doc.handler.deputyName } : {}),
    followerCount: new Set([...(doc.reporterOpenid ? [doc.reporterOpenid] : []), ...doc.followers]).size,
  };
}
