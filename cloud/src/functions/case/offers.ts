/**
 * 我也遇到 without handing out cases: `similar` offers a resident a few open cases like their draft and records each
 * offer (collection `case_offers`, one per caller and case); `join` follows only a case offered to this caller within
 * OFFER_TTL_MS. A caller is offered at most SIMILAR_CASES_PER_HOUR different cases an hour, so a broad draft typed
 * again and again cannot harvest a studio's cases. What a joiner then reads is the public summary (visibility.ts).
 */
import { CaseErrors } from '../../../../src/shared/cases/errors';
import { OPEN_STATES } from '../../../../src/shared/cases/states';
import { AppError } from '../../../../src/shared/errors';
import type { RequestContext } from '../../app/serve';
import { rankSimilar, searchKeys } from '../../domain/cases/similar';
import { similarSummary, type SimilarSummary } from '../../domain/cases/visibility';
import type { Collection, Database, Projection } from '../../infra/database';
import { casesOf } from './store';
import { step } from './transitions';

/** One offer: this caller was shown this case under 我也遇到 at `at` (refreshed when shown again). */
export interface CaseOfferDoc {
  openid: string;
  caseId: string;
  at: number;
}

/** How long an offer lets its caller join: enough to read the suggestion and tap, not a standing pass. */
export const OFFER_TTL_MS = 60 * 60 * 1000;
/** Different cases one caller may be shown per hour (a resident typing one draft sees the same few again and again). */
export const SIMILAR_CASES_PER_HOUR = 12;

const offersOf = (db: Database): Collection<CaseOfferDoc> => db.collection<CaseOfferDoc>('case_offers');
const offerId = (openid: string, caseId: string): string => `${caseId}~${openid}`;

// Enough open cases of one studio and category sharing a word to rank; the best few are offered.
const SIMILAR_CANDIDATES = 50;
const SIMILAR_FIELDS: Projection = {
  _id: true, category: true, title: true, content: true, state: true, studioId: true, followers: true, reporterOpenid: true, createdAt: true,
};

/** 我也遇到: open cases of the studio and category sharing words with the draft, best first, as summaries only. */
export async function similarCases(
  draft: { studioId: string; category: string; title: string; content: string },
  ctx: RequestContext,
): Promise<{ cases: SimilarSummary[] }> {
  const keys = searchKeys(draft.title, draft.content);
  if (keys.length === 0) return { cases: [] };
  const { db, caller, now } = ctx;
  const _ = db.command;
  const [candidates, recent] = await Promise.all([
    casesOf(db)
      .where({ studioId: draft.studioId, category: draft.category, searchKeys: _.in(keys), state: _.in([...OPEN_STATES]) })
      .orderBy('createdAt', 'desc')
      .limit(SIMILAR_CANDIDATES)
      .field(SIMILAR_FIELDS)
      .get(),
    offersOf(db)
      .where({ openid: caller.openid, at: _.gt(now - OFFER_TTL_MS) })
      .limit(SIMILAR_CASES_PER_HOUR + 20)
      .field({ caseId: true })
      .get(),
  ]);
  // Cases the caller already follows are not offered again.
  const others = candidates.filter((doc) => doc.reporterOpenid !== caller.openid && !doc.followers.includes(caller.openid));
  const shown = new Set(recent.map((offer) => offer.caseId));
  let room = SIMILAR_CASES_PER_HOUR - shown.size;
  // Past the hourly number of different cases, only cases already shown this hour are offered again.
  const offered = rankSimilar(draft, others).filter(({ caseDoc }) => shown.has(caseDoc._id) || (room -= 1) >= 0);
  await Promise.all(offered.map(({ caseDoc }) => recordOffer(db, { openid: caller.openid, caseId: caseDoc._id, at: now })));
  return { cases: offered.map(({ caseDoc }) => similarSummary(caseDoc)) };
}

/** Records (or refreshes) that `similar` showed this caller this case. */
export async function recordOffer(db: Database, offer: CaseOfferDoc): Promise<void> {
  await offersOf(db).doc(offerId(offer.openid, offer.caseId)).set(offer);
}

/**
 * 我也遇到 on an offered case. Any other id — unknown, or a case this caller was never offered (or was offered too long
 * ago) — answers the same CASE.NOT_FOUND, so ids cannot be probed. Tapping again once following is not an error.
 */
export async function joinCase(caseId: string, ctx: RequestContext): Promise<{ following: true }> {
  const { db, caller, now } = ctx;
  const [offer] = await offersOf(db).where({ _id: offerId(caller.openid, caseId) }).limit(1).get();
  if (!offer || offer.at <= now - OFFER_TTL_MS) {
    const [doc] = await casesOf(db).where({ _id: caseId }).limit(1).field({ reporterOpenid: true, followers: true }).get();
    if (doc && (doc.reporterOpenid === caller.openid || doc.followers.includes(caller.openid))) return { following: true };
    throw new AppError(CaseErrors.NOT_FOUND, '没有找到这件意见，请重新查看相似的意见后再点“我也遇到”');
  }
  try {
    await step(ctx, caseId, 'join', { command: () => ({ command: { type: 'join' } }) });
  } catch (error) {
    // Tapping 我也遇到 twice (or on one's own case) leaves one following it: that is what was asked.
    if (!(error instanceof AppError && error.code === CaseErrors.ALREADY_FOLLOWING)) throw error;
  }
  return { following: true };
}
