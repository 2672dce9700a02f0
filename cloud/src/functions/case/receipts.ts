/**
 * The per-year receipt counter (`counters`, _id 'receipt-<year>'): the highest sequence handed out so far. A sequence
 * is drawn with ONE conditional update — `where({ _id, seq: <as read> }).update({ seq: _.inc(1) })` — and is ours
 * only when that update changed the document (updated === 1): two concurrent submits can never draw the same number,
 * and the loser simply reads again and retries (no refusal under load). A crash between drawing and inserting the case
 * leaves a gap in the numbers (acceptable: numbers are unique, not necessarily dense). A counter behind the cases
 * (hand-edited, restored) heals: the unique receiptNo index refuses the stale number and `catchUpReceiptCounter`
 * raises the counter to the year's highest receipt.
 */
import type { Database } from '../../infra/database';
import { isDuplicateKey } from '../../infra/cloud';
import { formatReceipt, parseReceipt } from '../../domain/cases/receipt';

export interface CounterDoc {
  _id: string;
  seq: number;
  updatedAt: number;
}

export interface Counter {
  seq: number;
  /** The stored value as read (the conditional update matches on it). */
  raw: unknown;
  /** The counter document exists (else the first case of the year creates it). */
  exists: boolean;
}

const counterId = (year: number): string => `receipt-${year}`;
const counters = (db: Database) => db.collection<CounterDoc>('counters');

/** The highest receipt sequence of the year so far (0 before the first case). */
export async function readReceiptCounter(db: Database, year: number): Promise<Counter> {
  const [doc] = await counters(db).where({ _id: counterId(year) }).limit(1).get();
  if (!doc) return { seq: 0, raw: undefined, exists: false };
  // A hand-edited or damaged counter must not produce an invalid number: the unique index sorts out the rest.
  return { seq: Number.isSafeInteger(doc.seq) && doc.seq > 0 ? doc.seq : 0, raw: doc.seq, exists: true };
}

/** How many draws a submit tries before giving up; each lost draw means another submit got its number. */
const DRAW_ATTEMPTS = 100;

/**
 * Draws the year's next receipt sequence (starting from `known`, the counter as already read, when given). Each lost
 * conditional update means another submit won a number, so everyone progresses; see the module comment.
 */
export async function drawReceiptSeq(db: Database, year: number, now: number, known?: Counter): Promise<number> {
  const _ = db.command;
  let counter = known ?? (await readReceiptCounter(db, year));
  for (let attempt = 0; attempt < DRAW_ATTEMPTS; attempt += 1) {
    if (!counter.exists) {
      try {
        await counters(db).add({ _id: counterId(year), seq: 1, updatedAt: now });
        return 1;
      } catch (error) {
        // Another submit created it first: draw from the counter it made.
        if (!isDuplicateKey(error)) throw error;
      }
    } else {
      const next = counter.seq + 1;
      // A damaged stored value (not a positive integer) is matched as stored and replaced outright.
      const data = counter.raw === counter.seq ? { seq: _.inc(1), updatedAt: now } : { seq: next, updatedAt: now };
      const stored = counter.raw === undefined ? _.exists(false) : counter.raw;
      const { updated } = await counters(db).where({ _id: counterId(year), seq: stored }).update(data);
      if (updated === 1) return next;
    }
    counter = await readReceiptCounter(db, year);
  }
  throw new Error(`receipt counter ${year}: no number after ${DRAW_ATTEMPTS} draws`);
}

/**
 * Raises the counter to the highest receipt number the year's cases hold (one ordered read of the unique receiptNo
 * index), after an insert found its number taken: the counter was behind the cases.
 */
export async function catchUpReceiptCounter(db: Database, year: number, now: number): Promise<void> {
  const _ = db.command;
  const [highest] = await db
    .collection<{ _id: string; receiptNo: string }>('cases')
    .where({ receiptNo: _.gte(formatReceipt(year, 1)).and(_.lte(`${formatReceipt(year, 1).slice(0, 8)}999999`)) })
    .orderBy('receiptNo', 'desc')
    .field({ receiptNo: true })
    .limit(1)
    .get();
  const seq = highest ? parseReceipt(highest.receiptNo)?.seq : undefined;
  if (!seq) return;
  await counters(db).where({ _id: counterId(year), seq: _.lt(seq) }).update({ seq, updatedAt: now });
}
