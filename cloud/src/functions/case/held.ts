/**
 * Held forms (`held_texts`): a resident's form whose text WeChat's check answered 'review'. It is kept whole — not
 * shown to anyone but staff in scope, not a case yet — under the _id the case will have, so a retry of the same
 * submission finds it and a release files exactly one case. Staff release it (a normal case with a receipt number;
 * the reporter is told) or reject it with a reason (the reporter is told, with other ways to be heard). Every decision
 * keeps who and when on the held document: moderation stays auditable.
 */
import type { ParsedOf } from '../../../../src/shared/contract';
import { casePage, type cases } from '../../../../src/shared/contracts/case';
import { HeldErrors, labelReason, type HeldItem, type HeldState } from '../../../../src/shared/cases/held';
import type { ServicePointDoc } from '../../../../src/shared/studios';
import { AppError } from '../../../../src/shared/errors';
import type { RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { isDuplicateKey } from '../../infra/cloud';
import type { Database } from '../../infra/database';
import type { FormVerdict } from './content-check';
import { loadOrg, loadStudio } from './reference';
import { fileOnlineCase, type Place, type Submission } from './submit';

export interface HeldDoc {
  /** The _id the case gets when released (submissionId of the online form). */
  _id: string;
  state: HeldState;
  reporterOpenid: string;
  submission: Submission;
  place: Place;
  /** The place's node path (the staff list's filter and the scope check), as a case's orgPath. */
  orgPath: string[];
  label: number;
  keyword: string | null;
  createdAt: number;
  decidedAt?: number;
  decidedByOpenid?: string;
  decidedByName?: string;
  rejectReason?: string;
  receiptNo?: string;
}

const heldOf = (db: Database) => db.collection<HeldDoc>('held_texts');

/** The held form a submission already became, if any (one point read). */
export async function heldSubmission(db: Database, id: string): Promise<Pick<HeldDoc, '_id' | 'state'> | null> {
  const [doc] = await heldOf(db).where({ _id: id }).field({ _id: true, state: true }).limit(1).get();
  return doc ?? null;
}

/** Keeps a form for review; false when this very submission was already held (a concurrent retry). */
export async function holdSubmission(db: Database, id: string, submission: Submission, place: Place, verdict: FormVerdict, reporterOpenid: string, now: number): Promise<boolean> {
  const doc: HeldDoc = {
    _id: id,
    state: 'held',
    reporterOpenid,
    submission,
    place,
    orgPath: place.orgPath,
    label: verdict.label,
    keyword: verdict.keyword,
    createdAt: now,
  };
  try {
    await heldOf(db).add(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Where else a resident can be heard: the studio's phone and its 流动服务点 (one sentence). */
export async function otherRoutes(db: Database, studioId: string): Promise<string> {
  const [studio, points] = await Promise.all([
    loadStudio(db, studioId),
    db.collection<ServicePointDoc>('service_points').where({ studioId }).limit(3).get(),
  ]);
  const call = studio.contact ? `打电话给${studio.name}（${studio.contact}）` : `到${studio.name}（${studio.address}）`;
  const visit = points.length > 0 ? `，或到${points.map((point) => `${point.name}（${point.address}，${point.schedule}）`).join('、')}` : '';
  return `也可以${call}${visit}当面反映。`;
}

/** Staff in scope: held forms of an organisation node, newest first. */
export async function listHeld(input: ParsedOf<typeof cases.heldList>, ctx: RequestContext): Promise<{ items: HeldItem[]; hasMore: boolean }> {
  const org = await loadOrg(ctx.db, input.orgId);
  requireScope(ctx.caller, org.path, org.name);
  const found = await heldOf(ctx.db)
    .where({ orgPath: input.orgId, state: input.state })
    .orderBy('createdAt', 'desc')
    .skip(input.offset)
    .limit(input.limit + 1)
    .get();
  const page = found.slice(0, input.limit);
  const studioIds = [...new Set(page.map((doc) => doc.place.studioId))];
  const studios = await Promise.all(studioIds.map((studioId) => loadStudio(ctx.db, studioId).catch(() => null)));
  const names = new Map(studios.flatMap((studio) => (studio ? [[studio._id, studio.name] as const] : [])));
  return { items: page.map((doc) => heldItem(doc, names.get(doc.place.studioId) ?? '')), hasMore: found.length > input.limit };
}

/** The held form, if the caller's scope holds it (an unknown id and one outside the scope answer alike). */
async function loadHeld(ctx: RequestContext, id: string): Promise<HeldDoc> {
  const [doc] = await heldOf(ctx.db).where({ _id: id }).limit(1).get();
  if (!doc) throw new AppError(HeldErrors.NOT_FOUND, '没有找到这件待审核的意见');
  requireScope(ctx.caller, doc.orgPath, '这件意见');
  return doc;
}

/**
 * 放行: the form becomes a normal case (its original submit time, a receipt number drawn now) and the reporter is told.
 * The decision is taken first with a conditional update (held → released), so a concurrent reject cannot also win;
 * filing the case is idempotent (its _id is fixed), so a release retried after a failure finishes the job.
 */
export async function releaseHeld({ id }: ParsedOf<typeof cases.heldRelease>, ctx: RequestContext): Promise<{ id: string; receiptNo: string }> {
  const doc = await loadHeld(ctx, id);
  if (doc.state === 'rejected') throw new AppError(HeldErrors.ALREADY_DECIDED, '这件意见已被标为不通过');
  if (doc.state === 'held') {
    const { updated } = await heldOf(ctx.db)
      .where({ _id: id, state: 'held' })
      .update({ state: 'released', decidedAt: ctx.now, decidedByOpenid: ctx.caller.openid, decidedByName: ctx.caller.name });
    if (updated !== 1) return releaseHeld({ id }, ctx);
  }
  const filed = await fileOnlineCase(ctx.db, doc._id, doc.submission, doc.place, doc.reporterOpenid, doc.createdAt, ctx.now);
  if (doc.receiptNo !== filed.receiptNo) await heldOf(ctx.db).where({ _id: id }).update({ receiptNo: filed.receiptNo });
  await ctx.notify({
    to: [doc.reporterOpenid],
    key: `case_held_released:${id}`,
    kind: 'case_released',
    title: '您的意见已通过审核',
    body: `“${doc.submission.title}”已转为正式意见，回执编号 ${filed.receiptNo}。办理进度可在“意见 › 我的意见”查看。`,
    link: casePage(id),
  });
  return { id, receiptNo: filed.receiptNo };
}

/** 不予通过: kept (auditable) but never filed; the reporter is told why and where else to go. */
export async function rejectHeld({ id, reason }: ParsedOf<typeof cases.heldReject>, ctx: RequestContext): Promise<{ id: string; state: HeldState }> {
  const doc = await loadHeld(ctx, id);
  if (doc.state === 'released') throw new AppError(HeldErrors.ALREADY_DECIDED, '这件意见已放行，成为正式意见');
  if (doc.state === 'held') {
    const { updated } = await heldOf(ctx.db)
      .where({ _id: id, state: 'held' })
      .update({ state: 'rejected', decidedAt: ctx.now, decidedByOpenid: ctx.caller.openid, decidedByName: ctx.caller.name, rejectReason: reason });
    if (updated !== 1) return rejectHeld({ id, reason }, ctx);
    const routes = await otherRoutes(ctx.db, doc.place.studioId);
    await ctx.notify({
      to: [doc.reporterOpenid],
      key: `case_held_rejected:${id}`,
      kind: 'case_held_rejected',
      title: '您的意见未通过审核',
      body: `“${doc.submission.title}”未能受理：${reason}。${routes}`,
      link: null,
    });
  }
  return { id, state: 'rejected' };
}

function heldItem(doc: HeldDoc, studioName: string): HeldItem {
  return {
    id: doc._id,
    studioId: doc.place.studioId,
    studioName,
    category: doc.submission.category,
    title: doc.submission.title,
    content: doc.submission.content,
    photoCount: doc.submission.photos.length,
    reason: labelReason(doc.label),
    state: doc.state,
    createdAt: doc.createdAt,
    ...(doc.decidedAt !== undefined ? { decidedAt: doc.decidedAt } : {}),
    ...(doc.decidedByName ? { decidedByName: doc.decidedByName } : {}),
    ...(doc.rejectReason ? { rejectReason: doc.rejectReason } : {}),
    ...(doc.receiptNo ? { receiptNo: doc.receiptNo } : {}),
  };
}
