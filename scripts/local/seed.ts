/**
 * Writes the demo world into a fresh local cloud once (a `meta/seed` document remembers it), through the same typed
 * database the cloud functions use — so the seed exercises the real SDK path too.
 */
import { getDayDetail } from 'chinese-days';
import type { Database } from '../../cloudfunctions/src/infra/database';
import { articles, ORGS, roster, servicePoints, studios, users } from './demo-data';

export const SEED_VERSION = 1;

interface MetaDoc {
  _id: string;
  version: number;
  at: number;
}

export interface HolidayDoc {
  _id: string;
  year: number;
  date: string;
  name: string;
  /** A weekend make-up working day (调休上班) rather than a day off. */
  isWorkday: boolean;
}

/** Seeds once; answers whether it wrote anything. */
export async function seedDemo(db: Database, now: number): Promise<boolean> {
  const meta = db.collection<MetaDoc>('meta');
  if ((await meta.where({ _id: 'seed' }).get()).length > 0) return false;
  const put = async <T extends { _id: string }>(name: string, docs: T[]): Promise<void> => {
    for (const doc of docs) await db.collection<T>(name).doc(doc._id).set(doc);
  };
  await put('orgs', ORGS);
  await put('studios', studios(now));
  await put('service_points', servicePoints(now));
  await put('users', users(now));
  await put('roster', roster());
  await put('articles', articles(now));
  await put('holidays', holidaysOfYear(new Date(now + 8 * 3600_000).getUTCFullYear()));
  // Written last: a seed interrupted half-way runs again on the next start (every write above is an idempotent set).
  await meta.doc('seed').set({ _id: 'seed', version: SEED_VERSION, at: now });
  return true;
}

/** Statutory holidays and make-up working days of a year, from the chinese-days calendar. */
export function holidaysOfYear(year: number): HolidayDoc[] {
  const days: HolidayDoc[] = [];
  for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 24 * 3600_000) {
    const date = new Date(time).toISOString().slice(0, 10);
    const detail = getDayDetail(date);
    const weekday = new Date(time).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    // A festival name on a weekday off, or on a weekend working day (调休), is what a calendar shows.
    const [, chinese] = detail.name.split(',');
    if (chinese && (detail.work === weekend)) days.push({ _id: date, year, date, name: chinese, isWorkday: detail.work });
  }
  return days;
}
