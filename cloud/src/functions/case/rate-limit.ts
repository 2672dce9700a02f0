/**
 * 一小时内最多 5 件: the per-resident submit limit, held under concurrency by a conditional counter update — one
 * document per resident and clock hour (`rate_limits`, _id 'submit-<openid hash>-<hour start>'), and a slot is taken
 * only when `where({ _id, n: _.lt(5) }).update({ n: _.inc(1) })` changed it (updated === 1). Twenty concurrent submits
 * cannot all pass a count they read before any of them wrote: the database decides, one update at a time.
 *
 * Fixed windows (the clock hour, same in China time and UTC) keep it to one document and one round trip; the message
 * names the time the window ends. A replay of a stored submission never reaches this (it is answered first), and a slot
 * taken by a submit that turned out to be a concurrent replay is given back.
 */
import { createHash } from 'node:crypto';
import { chinaClock } from '../../../../src/shared/calendar/dates';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import { spendAllowance, type Database } from '../../infra/database';

export const RATE_LIMIT = { count: 5, windowMs: 60 * 60 * 1000 } as const;

interface SlotDoc {
  _id: string;
  n: number;
  windowEnd: number;
}

const limits = (db: Database) => db.collection<SlotDoc>('rate_limits');

/** The slot document of a resident's current hour (the openid is hashed: the collection names nobody). */
function slotId(openid: string, now: number): { id: string; windowEnd: number } {
  const windowStart = Math.floor(now / RATE_LIMIT.windowMs) * RATE_LIMIT.windowMs;
  const who = createHash('sha256').update(openid).digest('hex').slice(0, 24);
  return { id: `submit-${who}-${windowStart}`, windowEnd: windowStart + RATE_LIMIT.windowMs };
}

/** "10:00" in China time. */
function clockTime(ms: number): string {
  const china = chinaClock(ms);
  return `${String(china.getUTCHours()).padStart(2, '0')}:${String(china.getUTCMinutes()).padStart(2, '0')}`;
}

/** Takes one of the resident's submit slots of this hour, or throws RATE.LIMITED saying when to come back. */
export async function takeSubmitSlot(db: Database, openid: string, now: number): Promise<void> {
  const { id, windowEnd } = slotId(openid, now);
  if (await spendAllowance(limits(db), id, RATE_LIMIT.count, { windowEnd }, db.command)) return;
  throw new AppError(ErrorCodes.RATE_LIMITED, `一小时内最多提交 ${RATE_LIMIT.count} 件意见，请在 ${clockTime(windowEnd)} 以后再试`, {
    retryAt: windowEnd,
  });
}

/** Gives a slot back (the submit it was taken for turned out to be a replay of one already stored). */
export async function returnSubmitSlot(db: Database, openid: string, now: number): Promise<void> {
  const _ = db.command;
  await limits(db).where({ _id: slotId(openid, now).id, n: _.gt(0) }).update({ n: _.inc(-1) });
}
