/**
 * The `cases` and `case_events` collections: how a case is stored (the domain's CaseDoc plus the fields its list
 * queries filter and sort on), loading one, and persisting a transition — a conditional update on the case as it was
 * read, then the audit events. Two concurrent transitions cannot both win: the loser's update matches nothing.
 */
import type { CaseDoc, CaseEventDoc } from '../../../../src/shared/cases/model';
import { CaseErrors } from '../../../../src/shared/cases/errors';
import { HANDLING_STATES } from '../../../../src/shared/cases/states';
import { AppError } from '../../../../src/shared/errors';
import { caseChanges, transitionGuard, type NewCaseEvent } from '../../domain/cases/machine';
import type { Collection, Database, UpdateData } from '../../infra/database';

/** A case as stored: CaseDoc plus query fields kept in step with it on every write (see `withQueryFields`). */
export interface StoredCase extends CaseDoc {
  /**
   * The deputy inbox's order in one sortable key: cases awaiting a reply first, by deadline (an overdue case has the
   * earliest), then the rest, most recently changed first.
   */
  queue: string;
  /** 督办: escalated by the timer and still awaiting a reply. */
  supervised: boolean;
}

export const CASE_CONFLICT = CaseErrors.CONFLICT;

const LATEST = 9_999_999_999_999;

/** Every queue key of a case awaiting its reply sorts below this one; every other case's at or above. */
export const AWAITING_END = '1';

/** The case with its query fields computed from its current state. */
export function withQueryFields<T extends CaseDoc>(doc: T): T & Pick<StoredCase, 'queue' | 'supervised'> {
  const awaiting = HANDLING_STATES.includes(doc.state);
  const queue = awaiting
    ? `0|${doc.deadline ?? '9999-12-31'}|${String(doc.createdAt).padStart(13, '0')}`
    : `1|${String(LATEST - doc.updatedAt).padStart(13, '0')}`;
  return { ...doc, queue, supervised: awaiting && doc.escalatedAt !== undefined };
}

export const casesOf = (db: Database): Collection<StoredCase> => db.collection<StoredCase>('cases');
export const eventsOf = (db: Database): Collection<CaseEventDoc> => db.collection<CaseEventDoc>('case_events');

/** The case, or CASE.NOT_FOUND. */
export async function loadCase(db: Database, caseId: string): Promise<StoredCase> {
  const [doc] = await casesOf(db).where({ _id: caseId }).limit(1).get();
  if (!doc) throw new AppError(CaseErrors.NOT_FOUND, '没有找到这件意见');
  return doc;
}

/** The case's audit trail, oldest first. */
export async function loadEvents(db: Database, caseId: string): Promise<CaseEventDoc[]> {
  return eventsOf(db).where({ caseId }).orderBy('at', 'asc').limit(1000).get();
}

/**
 * Writes `next` over `prev` if nobody changed the case since it was read, then appends the events.
 * CASE.CONFLICT when the guard matched nothing (someone else's transition won).
 */
export async function saveCase(db: Database, prev: StoredCase, next: CaseDoc, events: readonly NewCaseEvent[]): Promise<StoredCase> {
  const stored: StoredCase = withQueryFields(next);
  const { set, unset } = caseChanges(prev, stored);
  const _ = db.command;
  const data: UpdateData = {};
  // _.set replaces a whole value: a plain object would be merged field by field and keep stale sub-fields.
  for (const [key, value] of Object.entries(set)) data[key] = _.set(value);
  for (const key of unset) data[key] = _.remove();
  const { updated } = await casesOf(db).where(transitionGuard(prev)).update(data);
  if (updated !== 1) throw new AppError(CASE_CONFLICT, '该意见刚被他人处理，请刷新后重试');
  await appendEvents(db, events);
  return stored;
}

/** Appends audit events (each its own insert: the trail is append-only, never rewritten). */
export async function appendEvents(db: Database, events: readonly NewCaseEvent[]): Promise<void> {
  const collection = db.collection<NewCaseEvent>('case_events');
  for (const event of events) await collection.add(event);
}
