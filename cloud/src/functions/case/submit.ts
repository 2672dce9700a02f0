/**
 * A form becomes a case: online by a resident, or typed in from paper by a deputy or staff member.
 *
 * Idempotent: the case's _id is derived from (submitter, client request id), so a retry or a double tap inserts the
 * same _id again and the duplicate-key answer leads to the case already stored — two concurrent identical submits
 * create one case. Receipt numbers are drawn from the per-year counter with one conditional `_.inc` (receipts.ts), so
 * concurrent submits never clash; the per-hour limit takes a slot the same way (rate-limit.ts).
 *
 * Database round trips on the normal path, in four sequential waves (msgSecCheck runs beside wave 2):
 *   1. serve() loads the caller                                       (users: 1 request)
 *   2. in parallel: the case or held form this request may already be (replay), the photos' upload records (only
 *      with photos: a resident attaches only their own uploads), the studio (+ service point), the categories, the
 *      year's receipt counter                                         (5–7 requests)
 *   3. take a slot of this hour's limit, then draw the receipt number (1 + 1 requests; a lost draw re-reads and retries)
 *   4. in parallel: insert the case, insert its 'submit' audit event (2 requests)
 */
import { createHash } from 'node:crypto';
import { chinaDate } from '../../../../src/shared/calendar';
import type { CaseContact, CaseDoc, CaseEventDoc } from '../../../../src/shared/cases/model';
import type { ParsedOf } from '../../../../src/shared/contract';
import type { cases } from '../../../../src/shared/contracts/case';
import { AppError, forbidden } from '../../../../src/shared/errors';
import { adminCovers, type Caller } from '../../../../src/shared/identity';
import type { RequestContext } from '../../app/serve';
import { formatReceipt } from '../../domain/cases/receipt';
import { searchKeys } from '../../domain/cases/similar';
import { isDuplicateKey } from '../../infra/cloud';
import type { Database } from '../../infra/database';
import { issueClaimCode } from './claim';
import { requireCleanText, riskyForm, screenForm, SCENE } from './content-check';
import { heldSubmission, holdSubmission, otherRoutes } from './held';
import { requireOwnPhotos } from './photos';
import { returnSubmitSlot, takeSubmitSlot } from './rate-limit';
import { catchUpReceiptCounter, drawReceiptSeq, readReceiptCounter, type Counter } from './receipts';
import { loadCategories, loadServicePoint, loadStudio, requireCategory } from './reference';
import { CASE_CONFLICT, casesOf, eventsOf, withQueryFields, type StoredCase } from './store';

export type Submission = ParsedOf<typeof cases.submit>;

const RECEIPT_ATTEMPTS = 5;

/** The case _id for a submission: the same submitter and request id always give the same id (32 hex, like the cloud's). */
export function submissionId(source: 'online' | 'paper', openid: string, requestId: string): string {
  return createHash('sha256').update(`${source}\n${openid}\n${requestId}`).digest('hex').slice(0, 32);
}

/**
 * 我要提意见: a resident's form. Text WeChat's check finds doubtful ('review') is held for staff (held.ts) and the
 * answer says so (`held: true`, no receipt number yet); risky text is refused saying which field, why and where else
 * to go.
 */
export async function submitOnline(input: Submission, ctx: RequestContext): Promise<{ id: string; receiptNo: string; held?: true }> {
  const { caller, db, now } = ctx;
  const caseId = submissionId('online', caller.openid, input.requestId);
  const [replay, heldBefore, owned, place, counter, screened] = await Promise.allSettled([
    storedSubmission(db, caseId),
    heldSubmission(db, caseId),
    requireOwnPhotos(db, caller.openid, input.photos),
    placeOf(db, input),
    readReceiptCounter(db, receiptYear(now)),
    screenForm(caller.openid, input.title, input.content),
  ]);
  // A retry of a stored submission answers its case (whatever else has changed since) and takes no slot.
  const stored = settled(replay);
  if (stored) return { id: stored._id, receiptNo: stored.receiptNo };
  if (settled(heldBefore)) return { id: caseId, receiptNo: '', held: true };
  settled(owned);
  const where = settled(place);
  const verdict = settled(screened);
  if (verdict.suggest === 'risky') throw riskyForm(verdict, await otherRoutes(db, where.studioId));
  await takeSubmitSlot(db, caller.openid, now);
  if (verdict.suggest === 'review') {
    const fresh = await holdSubmission(db, caseId, input, where, verdict, caller.openid, now);
    if (!fresh) await returnSubmitSlot(db, caller.openid, now);
    return { id: caseId, receiptNo: '', held: true };
  }
  const saved = await fileOnlineCase(db, caseId, input, where, caller.openid, now, now, settled(counter));
  // Two identical submits raced past the replay check: the one that found the other's case gives its slot back.
  if (saved.replayed) await returnSubmitSlot(db, caller.openid, now);
  return { id: saved.id, receiptNo: saved.receiptNo };
}

/** Files a resident's form as a case (also a held form released by staff: `createdAt` is when it was submitted). */
export async function fileOnlineCase(
  db: Database, caseId: string, input: Submission, place: Place, reporterOpenid: string, createdAt: number, now: number, counter?: Counter,
): Promise<Stored> {
  const draft = draftCase(caseId, input, place, createdAt, { source: 'online', reporterOpenid, followers: [reporterOpenid] });
  const known = counter ?? (await readReceiptCounter(db, receiptYear(createdAt)));
  return insertCase(db, draft, known, { openid: reporterOpenid, role: 'resident' }, now);
}

/** The value of a settled promise, or its error thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** The case a submission already became, if any (one point read). */
async function storedSubmission(db: Database, caseId: string): Promise<Pick<StoredCase, '_id' | 'receiptNo'> | null> {
  const [doc] = await casesOf(db).where({ _id: caseId }).field({ _id: true, receiptNo: true }).limit(1).get();
  return doc ?? null;
}

/** A paper form entered at a 流动服务点: marked as such, no reporter until a resident claims it with the receipt. */
export async function submitPaper(input: Submission, ctx: RequestContext): Promise<{ id: string; receiptNo: string; claimCode: string }> {
  const { caller, db, now } = ctx;
  const caseId = submissionId('paper', caller.openid, input.requestId);
  const [owned, placed, read] = await Promise.allSettled([
    requireOwnPhotos(db, caller.openid, input.photos),
    placeOf(db, input),
    readReceiptCounter(db, receiptYear(now)),
  ]);
  settled(owned);
  const place = settled(placed);
  const counter = settled(read);
  requireIntakeRight(caller, place.studioId, place.studioPath);
  await requireCleanText(caller.openid, input.content, SCENE.form, input.title);
  // The 认领码 is drawn before the case is stored, so a stored paper case always has one (a retry answers the same).
  const claimCode = await issueClaimCode(db, caseId, now);
  const draft = draftCase(caseId, input, place, now, { source: 'paper', reporterOpenid: '', followers: [], intakeByOpenid: caller.openid });
  const role = caller.deputyStudioIds.includes(place.studioId) ? 'deputy' : 'admin';
  const saved = await store(db, draft, counter, { openid: caller.openid, role, name: caller.name }, now);
  return { id: saved.id, receiptNo: saved.receiptNo, claimCode };
}

/** Deputies of the studio and admins whose scope holds it may enter its paper forms. */
function requireIntakeRight(caller: Caller, studioId: string, studioPath: readonly string[]): void {
  if (caller.deputyStudioIds.includes(studioId) || adminCovers(caller, studioPath)) return;
  throw forbidden('只有该工作室的代表或辖区管理员可以录入纸质意见表');
}

export interface Place {
  studioId: string;
  studioPath: string[];
  /** The service point's node when the form came from one (figures roll up to the community), else the studio's. */
  orgPath: string[];
}

/** The studio (and service point) the form names, and that its category exists. */
async function placeOf(db: Database, input: Submission): Promise<Place> {
  const [studio, point, categories] = await Promise.all([
    loadStudio(db, input.studioId),
    input.servicePointId ? loadServicePoint(db, input.servicePointId, input.studioId) : Promise.resolve(null),
    loadCategories(db),
  ]);
  requireCategory(categories, input.category);
  return { studioId: studio._id, studioPath: studio.orgPath, orgPath: point?.orgPath ?? studio.orgPath };
}

function receiptYear(now: number): number {
  return Number(chinaDate(now).slice(0, 4));
}

type Origin = Pick<CaseDoc, 'source' | 'reporterOpenid' | 'followers'> & { intakeByOpenid?: string };
type Draft = Omit<CaseDoc, 'receiptNo'>;
/** Who entered the form (the 'submit' event's actor). */
interface Submitter {
  openid: string;
  role: 'resident' | 'deputy' | 'admin';
  name?: string;
}

/** The new case before its receipt number is drawn. */
function draftCase(caseId: string, input: Submission, place: Place, now: number, origin: Origin): Draft {
  const contact = cleanContact(input.contact);
  return {
    _id: caseId,
    requestId: input.requestId,
    ...origin,
    studioId: place.studioId,
    ...(input.servicePointId ? { servicePointId: input.servicePointId } : {}),
    orgPath: place.orgPath,
    category: input.category,
    title: input.title,
    content: input.content,
    searchKeys: searchKeys(input.title, input.content),
    photos: input.photos,
    ...(input.location ? { location: input.location } : {}),
    ...(contact ? { contact } : {}),
    contactVisibleToDeputy: input.contactVisibleToDeputy,
    state: 'submitted',
    overdue: false,
    reopenCount: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** Blank name and phone are no contact at all. */
function cleanContact(contact: CaseContact | undefined): CaseContact | undefined {
  if (!contact) return undefined;
  const cleaned: CaseContact = { ...(contact.name ? { name: contact.name } : {}), ...(contact.phone ? { phone: contact.phone } : {}) };
  return cleaned.name || cleaned.phone ? cleaned : undefined;
}

/** A stored case; `replayed` when the submission had already been stored (by a concurrent identical submit). */
export interface Stored {
  id: string;
  receiptNo: string;
  replayed: boolean;
}

/**
 * Inserts the case with a freshly drawn receipt number (receipts.ts: one conditional `_.inc`, never refused under load)
 * and its 'submit' event (the event's _id is derived from the case's, so a replay's event is a duplicate too). On a
 * duplicate key: the same submission already stored → answer it (its drawn number stays unused); another case holds
 * the number → the counter was behind the cases: catch it up and draw again.
 */
async function store(db: Database, draft: Draft, counter: Counter, by: Submitter, now: number): Promise<{ id: string; receiptNo: string }> {
  const { id, receiptNo } = await insertCase(db, draft, counter, by, now);
  return { id, receiptNo };
}

/** `store`, also saying whether the submission had already been stored. */
async function insertCase(db: Database, draft: Draft, counter: Counter, by: Submitter, now: number): Promise<Stored> {
  const year = receiptYear(draft.createdAt);
  let known: Counter | undefined = counter;
  for (let attempt = 0; attempt < RECEIPT_ATTEMPTS; attempt += 1) {
    const seq = await drawReceiptSeq(db, year, now, known);
    known = undefined;
    const doc: StoredCase = withQueryFields({ ...draft, receiptNo: formatReceipt(year, seq) });
    const [inserted] = await Promise.allSettled([casesOf(db).add(doc), addSubmitEvent(db, doc, by)]);
    if (inserted.status === 'fulfilled') return { id: doc._id, receiptNo: doc.receiptNo, replayed: false };
    if (!isDuplicateKey(inserted.reason)) throw inserted.reason;
    const [existing] = await casesOf(db).where({ _id: doc._id }).field({ receiptNo: true }).get();
    if (existing) return { id: existing._id, receiptNo: existing.receiptNo, replayed: true };
    await catchUpReceiptCounter(db, year, now);
  }
  throw new AppError(CASE_CONFLICT, '提交的人太多了，请稍后再试');
}

async function addSubmitEvent(db: Database, doc: StoredCase, by: Submitter): Promise<void> {
  const event: CaseEventDoc = {
    _id: `${doc._id}-submit`,
    caseId: doc._id,
    type: 'submit',
    to: 'submitted',
    byOpenid: by.openid,
    ...(by.name ? { byName: by.name } : {}),
    byRole: by.role,
    ...(doc.source === 'paper' ? { note: '纸质意见表录入' } : {}),
    internal: false,
    at: doc.createdAt,
  };
  try {
    await eventsOf(db).add(event);
  } catch (error) {
    // A replay (or a retry after a receipt clash) finds its event already written.
    if (!isDuplicateKey(error)) throw error;
  }
}
