/**
 * Writes the demo world into a fresh local cloud once (a `meta/seed` document remembers it), through the same typed
 * database the cloud functions use — so the seed exercises the real SDK path too.
 */
import { chinaDate, hasStatutorySchedule, holidaysOfYear, type HolidayDoc } from '../../src/shared/calendar';
import type { Database } from '../../cloud/src/infra/database';
import { articles, articleVersions, ORGS, quizQuestions, quizzes, roster, servicePoints, studios, users } from './demo-data';

export const SEED_VERSION = 1;

interface MetaDoc {
  _id: string;
  version: number;
  at: number;
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
  await put('roster', roster(now));
  await put('articles', articles(now));
  await put('article_versions', articleVersions(now));
  await put('quiz_questions', quizQuestions(now));
  await put('quizzes', quizzes(now));
  await put('holidays', holidayDocs(Number(chinaDate(now).slice(0, 4))));
  // Written last: a seed interrupted half-way runs again on the next start (every write above is an idempotent set).
  await meta.doc('seed').set({ _id: 'seed', version: SEED_VERSION, at: now });
  return true;
}

/** This year's statutory days off and make-up working days; none for a year the calendar data does not cover yet
 * (deadlines then count Monday–Friday until staff enter the year's schedule). */
function holidayDocs(year: number): HolidayDoc[] {
  if (!hasStatutorySchedule(year)) return [];
  return holidaysOfYear(year).map((day) => ({ _id: day.date, year, ...day }));
}
