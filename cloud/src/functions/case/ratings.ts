/**
 * `case.myRatings`: the deputy's own ratings, only as month figures over enough cases (domain/cases/ratings.ts), read
 * from the immutable rate/reopen events that name him as the handler when the resident rated.
 */
import type { Solved } from '../../../../src/shared/cases/model';
import type { DeputyRatings } from '../../../../src/shared/cases/views';
import type { RequestContext } from '../../app/serve';
import { deputyRatings, ratingPeriod, type RatingRecord } from '../../domain/cases/ratings';
import { eventsOf } from './store';

export async function myRatings(_input: unknown, ctx: RequestContext): Promise<DeputyRatings> {
  const { from, to } = ratingPeriod(ctx.now);
  const _ = ctx.db.command;
  const events = await eventsOf(ctx.db)
    .where({ 'data.handlerOpenid': ctx.caller.openid, at: _.gte(from).and(_.lt(to)) })
    .limit(1000)
    .field({ at: true, data: true })
    .get();
  const records: RatingRecord[] = events.flatMap((event) => {
    const attitude = event.data?.attitude;
    const solved = event.data?.solved;
    const known = solved === 'yes' || solved === 'partly' || solved === 'no';
    return typeof attitude === 'number' && known ? [{ at: event.at, attitude, solved: solved as Solved }] : [];
  });
  return deputyRatings(records, ctx.now);
}
