/**
 * The per-year receipt counter (`counters`, _id 'receipt-<year>'): the highest sequence handed out so far. It is read
 * with one point read and only ever raised (set to the larger of itself and a sequence just used), so a counter left
 * behind by a crash heals itself: the unique receiptNo index refuses the stale number and the next try goes higher.
 */
import type { Database } from '../../infra/database';
import { isDuplicateKey } from '../../infra/cloud';

export interface CounterDoc {
  _id: string;
  seq: number;
  updatedAt: number;
}

export interface Counter {
  seq: number;
  /** The counter document exists (else the first case of the year creates it). */
  exists: boolean;
}

const counterId = (year: number): string => `receipt-${year}`;
const counters = (db: Database) => db.collection<CounterDoc>('counters');

/** The highest receipt sequence of the year so far (0 before the first case). */
export async function readReceiptCounter(db: Database, year: number): Promise<Counter> {
  const [doc] = await counters(db).where({ _id: counterId(year) }).limit(1).get();
  if (!doc) return { seq: 0, exists: false };
  // A hand-edited or damaged counter must not produce an invalid number: the unique index sorts out the rest.
  return { seq: Number.isSafeInteger(doc.seq) && doc.seq > 0 ? doc.seq : 0, exists: true };
}

/** Raises the year's counter to `seq` unless it is already there or beyond. */
export async function raiseReceiptCounter(db: Database, year: number, seq: number, counter: Counter, now: number): Promise<void> {
  const _ = db.command;
  const raise = () => counters(db).where({ _id: counterId(year), seq: _.lt(seq) }).update({ seq, updatedAt: now });
  if (counter.exists) {
    await raise();
    return;
  }
  try {
    await counters(db).add({ _id: counterId(year), seq, updatedAt: now });
  } catch (error) {
    // Another submit created it first: raise it like any existing counter.
    if (!isDuplicateKey(error)) throw error;
    await raise();
  }
}
