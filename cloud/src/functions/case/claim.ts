/**
 * 认领纸质意见表 in the cloud: the 认领码 issued at paper intake (`paper_claims`, _id = the case's id, shown only to the
 * intake staff on the receipt), and the claim itself — receipt number plus second factor, attempts limited per
 * claimant and per case and clock hour (`claim_attempts`). Every failure a stranger can cause answers the same
 * CASE.CLAIM_REFUSED: no such receipt, an online case, a case already claimed and a wrong code look alike.
 */
import { createHash, randomInt } from 'node:crypto';
import { CaseErrors } from '../../../../src/shared/cases/errors';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import type { RequestContext } from '../../app/serve';
import { CLAIM_LIMITS, newClaimCode, secondFactorMatches } from '../../domain/cases/claim';
import { normalizeReceipt } from '../../domain/cases/receipt';
import { isDuplicateKey } from '../../infra/cloud';
import { spendAllowance, type Database } from '../../infra/database';
import { casesOf } from './store';
import { step } from './transitions';

interface PaperClaimDoc {
  _id: string;
  code: string;
  createdAt: number;
}

interface AttemptDoc {
  _id: string;
  n: number;
  windowEnd: number;
}

const claimsOf = (db: Database) => db.collection<PaperClaimDoc>('paper_claims');
const attemptsOf = (db: Database) => db.collection<AttemptDoc>('claim_attempts');

/**
 * The 认领码 of a paper case about to be stored: a new one, or the one a retry of the same intake already drew (so the
 * code the staff writes down is always the stored one). Written before the case, so no case is ever without one.
 */
export async function issueClaimCode(db: Database, caseId: string, now: number): Promise<string> {
  const code = newClaimCode((max) => randomInt(max));
  try {
    await claimsOf(db).add({ _id: caseId, code, createdAt: now });
    return code;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return (await claimsOf(db).doc(caseId).get()).code;
}

const refused = (): AppError => new AppError(CaseErrors.CLAIM_REFUSED, '回执编号或认领码不对，请对照纸质回执再试一次');

/** 认领: the caller becomes the reporter of an unclaimed paper case whose receipt and second factor they know. */
export async function claimPaper({ receiptNo, code }: { receiptNo: string; code: string }, ctx: RequestContext): Promise<{ id: string }> {
  const { db, caller, now } = ctx;
  const canonical = normalizeReceipt(receiptNo);
  const [doc] = canonical
    ? await casesOf(db).where({ receiptNo: canonical }).field({ _id: true, source: true, reporterOpenid: true, contact: true }).limit(1).get()
    : [];
  // The one who claimed it, retrying: answered without spending an attempt.
  if (doc && doc.reporterOpenid === caller.openid) return { id: doc._id };
  await takeAttempt(db, `who-${createHash('sha256').update(caller.openid).digest('hex').slice(0, 24)}`, CLAIM_LIMITS.perClaimant, now);
  if (!doc || !canonical) throw refused();
  await takeAttempt(db, `case-${doc._id}`, CLAIM_LIMITS.perCase, now);
  const [stored] = await claimsOf(db).where({ _id: doc._id }).limit(1).get();
  const open = doc.source === 'paper' && !doc.reporterOpenid;
  if (!open || !secondFactorMatches(code, { claimCode: stored?.code ?? null, phone: doc.contact?.phone })) throw refused();
  await step(ctx, doc._id, 'claim', { command: () => ({ command: { type: 'claim', receiptNo: canonical } }) });
  return { id: doc._id };
}

/**
 * Takes one attempt of this clock hour from `key`'s allowance, or throws RATE.LIMITED. Held under concurrency: an
 * attempt counts only when the conditional `_.inc` changed the document (the database decides, one update at a time).
 */
async function takeAttempt(db: Database, key: string, limit: number, now: number): Promise<void> {
  const windowStart = Math.floor(now / CLAIM_LIMITS.windowMs) * CLAIM_LIMITS.windowMs;
  const windowEnd = windowStart + CLAIM_LIMITS.windowMs;
  if (await spendAllowance(attemptsOf(db), `${key}-${windowStart}`, limit, { windowEnd }, db.command)) return;
  throw new AppError(ErrorCodes.RATE_LIMITED, '认领尝试次数太多了，请一小时后再试，或带上纸质回执到服务点请工作人员帮忙');
}
