/**
 * A form becomes a case: online by a resident, or typed in from paper by a deputy or staff member.
 *
 * Idempotent: the case's _id is derived from (submitter, client request id), so a retry or a double tap inserts the
 * same _id again and the duplicate-key answer leads to the case already stored — two concurrent identical submits
 * create one case. Receipt numbers come from the per-year counter (receipts.ts); the unique index on receiptNo makes a
 * concurrent submit that took the same number retry with a higher one.
 *
 * Database round trips on the normal path, in three sequential waves (msgSecCheck runs beside wave 2):
 *   1. serve() loads the caller                                       (users: 1 request)
 *   2. in parallel: my cases of the last hour (rate limit + replay), the studio (+ service point), the categories,
 *      the year's receipt counter                                     (4–5 requests)
 *   3. in parallel: insert the case, insert its 'submit' audit event, raise the counter (3 requests)
 */
import { createHash } from 'node:crypto';
import { chinaDate } from '../../../../src/shared/calendar';
import type { CaseContact, CaseDoc, CaseEventDoc } from '../../../../src/shared/cases/model';
import type { ParsedOf } from '../../../../src/shared/contract';
import type { cases } from '../../../../src/shared/contracts/case';
import { AppError, ErrorCodes, forbidden } from '../../../../src/shared/errors';
import { adminCovers, type Caller } from '../../../../src/shared/identity';
import type { RequestContext } from '../../app/serve';
import { formatReceipt } from '../../domain/cases/receipt';
import { searchKeys } from '../../domain/cases/similar';
import { isDuplicateKey } from '../../infra/cloud';
import type { Database } from '../../infra/database';
import { requireCleanText, SCENE } from './content-check';
import { raiseReceiptCounter, readReceiptCounter, type Counter } from './receipts';
import { loadCategories, loadServicePoint, loadStudio, requireCategory } from './reference';
import { casesOf, eventsOf, withQueryFields, type StoredCase } from './store';

type Submission = ParsedOf<typeof cases.submit>;

/** At most this many online submissions per resident per rolling hour. */
export const RATE_LIMIT = { count: 5, windowMs: 60 * 60 * 1000 } as const;
const RECEIPT_ATTEMPTS = 5;

/** The case _id for a submission: the same submitter and request id always give the same id (32 hex, like the cloud's). */
export function submissionId(source: 'online' | 'paper', openid: string, requestId: string): string {
  return createHash('sha256').update(`${source}\n${openid}\n${requestId}`).digest('hex').slice(0, 32);
}

/** 我要提意见: a resident's form. */
export async function submitOnline(input: Submission, ctx: RequestContext): Promise<{ id: string; receiptNo: string }> {
  const { caller, db, now } = ctx;
  const caseId = submissionId('online', caller.openid, input.requestId);
  const [recent, place, counter] = await Promise.all([
    recentSubmissions(db, caller.openid, now),
    placeOf(db, input),
    readReceiptCounter(db, receiptYear(now)),
    requireCleanText(caller.openid, input.content, SCENE.form, input.title),
  ]);
  const replay = recent.find((doc) => doc._id === caseId);
  if (replay) return { id: replay._id, receiptNo: replay.receiptNo };
  if (recent.length >= RATE_LIMIT.count) throw new AppError(ErrorCodes.RATE_LIMITED, '提交太频繁了，请稍后再试');
  const draft = draftCase(caseId, input, place, now, { source: 'online', reporterOpenid: caller.openid, followers: [caller.openid] });
  return store(db, draft, counter, { openid: caller.openid, role: 'resident' }, now);
}

/** A paper form entered at a 流动服务点: marked as such, no reporter until a resident claims it with the receipt. */
export async function submitPaper(input: Submission, ctx: RequestContext): Promise<{ id: string; receiptNo: string }> {
  const { caller, db, now } = ctx;
  const caseId = submissionId('paper', caller.openid, input.requestId);
  const [place, counter] = await Promise.all([placeOf(db, input), readReceiptCounter(db, receiptYear(now))]);
  requireIntakeRight(caller, place.studioId, place.studioPath);
  await requireCleanText(caller.openid, input.content, SCENE.form, input.title);
  const draft = draftCase(caseId, input, place, now, { source: 'paper', reporterOpenid: '', followers: [], intakeByOpenid: caller.openid });
  const role = caller.deputyStudioIds.includes(place.studioId) ? 'deputy' : 'admin';
  return store(db, draft, counter, { openid: caller.openid, role, name: caller.name }, now);
}

/** Deputies of the studio and admins whose scope holds it may enter its paper forms. */
function requireIntakeRight(caller: Caller, studioId: string, studioPath: readonly string[]): void {
  if (caller.deputyStudioIds.includes(studioId) || adminCovers(caller, studioPath)) return;
  throw forbidden('只有该工作室的代表或辖区管理员可以录入纸质意见表');
}

interface Place {
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

/** My online submissions of the last hour (few: the rate limit keeps them so), with the fields a replay answers. */
function recentSubmissions(db: Database, openid: string, now: number): Promise<Array<Pick<StoredCase, '_id' | 'receiptNo'>>> {
  const _ = db.command;
  return casesOf(db)
    .where({ reporterOpenid: openid, createdAt: _.gt(now - RATE_LIMIT.windowMs) })
    .field({ _id: true, receiptNo: true })
    .limit(RATE_LIMIT.count + 20)
    .get();
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

/**
 * Inserts the case with the next receipt number, its 'submit' event (the event's _id is derived from the case's, so a
 * replay's event is a duplicate too) and raises the counter. On a duplicate key: the same submission already stored →
 * answer it; another case holds the receipt number → take the first free one above it. A late replay may leave one
 * number unused.
 */
async function store(db: Database, draft: Draft, counter: Counter, by: Submitter, now: number): Promise<{ id: string; receiptNo: string }> {
  const year = receiptYear(draft.createdAt);
  let seq = counter.seq + 1;
  let known = counter;
  for (let attempt = 0; attempt < RECEIPT_ATTEMPTS; attempt += 1) {
    const doc: StoredCase = withQueryFields({ ...draft, receiptNo: formatReceipt(year, seq) });
    const [inserted, , raised] = await Promise.allSettled([
      casesOf(db).add(doc),
      addSubmitEvent(db, doc, by),
      raiseReceiptCounter(db, year, seq, known, now),
    ]);
    // A counter left behind only costs a later submit a retry; the case itself must not fail for it.
    if (raised.status === 'rejected') console.warn(`receipt counter ${year} not raised to ${seq}:`, raised.reason);
    if (inserted.status === 'fulfilled') return { id: doc._id, receiptNo: doc.receiptNo };
    if (!isDuplicateKey(inserted.reason)) throw inserted.reason;
    const [existing] = await casesOf(db).where({ _id: doc._id }).field({ receiptNo: true }).get();
    if (existing) return { id: existing._id, receiptNo: existing.receiptNo };
    known = { seq, exists: true };
    seq = await firstFreeAfter(db, year, seq);
  }
  throw new AppError(ErrorCodes.CONFLICT, '提交的人太多了，请稍后再试');
}

const LOOKAHEAD = 20;

/** The first receipt sequence above `seq` that no case holds, looking ahead in one indexed `$in` query. */
async function firstFreeAfter(db: Database, year: number, seq: number): Promise<number> {
  const _ = db.command;
  const ahead = Array.from({ length: LOOKAHEAD }, (_unused, i) => formatReceipt(year, seq + 1 + i));
  const taken = await casesOf(db).where({ receiptNo: _.in(ahead) }).field({ receiptNo: true }).get();
  const held = new Set(taken.map((doc) => doc.receiptNo));
  const free = ahead.findIndex((receipt) => !held.has(receipt));
  return free === -1 ? seq + LOOKAHEAD + 1 : seq + 1 + free;
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
