/**
 * 政治生日's storage: the roster read by the indexed month-day (`birthday` index: the day's members; `org_birthday`:
 * a scope's month), the communities' greetings (`birthday_greetings`, _id = community id), and what the day's push
 * job left for each member (its inbox entry, under the engine's deterministic id).
 */
import { birthdayJobId, type BirthdayEntry, type BirthdayTraces } from '../domain/care/birthdays';
import { GOOD_STANDING } from '../../../src/shared/birthday';
import { pushInboxId, type PushJobDoc } from '../../../src/shared/push';
import type { Database, Stored } from './database';

export interface GreetingDoc {
  _id: string;
  template: string;
  updatedBy: string;
  updatedAt: number;
}

const PAGE = 1000;
const FIELDS = { _id: true, name: true, branchId: true, orgPath: true, joinedAt: true, joinedMonthDay: true, status: true, boundOpenid: true } as const;

export { birthdayJobId };

export type BirthdayRow = BirthdayEntry & { joinedMonthDay: string };

export function birthdayRepo(db: Database) {
  const roster = db.collection<BirthdayRow>('roster');
  const _ = db.command;
  return {
    /** Members in good standing whose join date is on one of these 'MM-DD' (one indexed query per 1,000). */
    async onMonthDays(monthDays: readonly string[]): Promise<BirthdayRow[]> {
      const found: BirthdayRow[] = [];
      for (;;) {
        const page = await roster
          .where({ joinedMonthDay: _.in([...monthDays]), status: _.in([...GOOD_STANDING]) })
          .orderBy('_id', 'asc')
          .skip(found.length)
          .limit(PAGE)
          .field(FIELDS)
          .get();
        found.push(...page);
        if (page.length < PAGE) return found;
      }
    },
    /** Members of a subtree whose month-day is within [from, to], by date then name; at most `limit`, and how many. */
    async inScope(orgId: string, from: string, to: string, limit: number): Promise<{ rows: BirthdayRow[]; total: number }> {
      const filter = { orgPath: orgId, joinedMonthDay: _.gte(from).and(_.lte(to)), status: _.in([...GOOD_STANDING]) };
      const [rows, total] = await Promise.all([
        roster.where(filter).orderBy('joinedMonthDay', 'asc').orderBy('name', 'asc').limit(limit).field(FIELDS).get(),
        roster.where(filter).count(),
      ]);
      return { rows, total };
    },
    /** Members of a subtree whose month-day is one of these (the coming week), by date then name; at most `limit`. */
    async inScopeOn(orgId: string, monthDays: readonly string[], limit: number): Promise<BirthdayRow[]> {
      return roster
        .where({ orgPath: orgId, joinedMonthDay: _.in([...monthDays]), status: _.in([...GOOD_STANDING]) })
        .orderBy('joinedMonthDay', 'asc')
        .orderBy('name', 'asc')
        .limit(limit)
        .field(FIELDS)
        .get();
    },
    /** The member of a subtree with the next political birthday from `monthDay` on (wrapping to January). */
    async nextInScope(orgId: string, monthDay: string): Promise<BirthdayRow | null> {
      const query = (from: string) =>
        roster.where({ orgPath: orgId, joinedMonthDay: _.gte(from), status: _.in([...GOOD_STANDING]) }).orderBy('joinedMonthDay', 'asc').limit(1).field(FIELDS).get();
      return (await query(monthDay))[0] ?? (await query('01-01'))[0] ?? null;
    },
    async byId(id: string): Promise<Stored<BirthdayRow> | null> {
      return (await roster.where({ _id: id }).limit(1).field(FIELDS).get())[0] ?? null;
    },
  };
}

export function greetingsRepo(db: Database) {
  const greetings = db.collection<GreetingDoc>('birthday_greetings');
  return {
    /** Every community's greeting (one per community: a district has a few hundred). */
    async all(): Promise<Map<string, string>> {
      const docs = await greetings.limit(PAGE).get();
      return new Map(docs.map((doc) => [doc._id, doc.template]));
    },
    async of(orgId: string): Promise<Stored<GreetingDoc> | null> {
      return (await greetings.where({ _id: orgId }).limit(1).get())[0] ?? null;
    },
    async save(orgId: string, template: string, by: string, now: number): Promise<GreetingDoc> {
      const doc = { _id: orgId, template, updatedBy: by, updatedAt: now };
      await greetings.doc(orgId).set(doc);
      return doc;
    },
  };
}

/** What the day's jobs left: the jobs of these dates, and which of these inbox entries exist (and are read). */
export async function birthdayTraces(
  db: Database,
  dates: readonly string[],
  recipients: ReadonlyArray<{ date: string; openid: string }>,
): Promise<BirthdayTraces> {
  const _ = db.command;
  const ids = [...new Set(dates)].map(birthdayJobId);
  const jobs = ids.length
    ? await db.collection<PushJobDoc>('push_jobs').where({ _id: _.in(ids) }).field({ _id: true, status: true, audience: true }).limit(100).get()
    : [];
  const entryIds = recipients.map((item) => pushInboxId(birthdayJobId(item.date), item.openid));
  const entries = new Map<string, { read: boolean }>();
  for (let i = 0; i < entryIds.length; i += PAGE) {
    const batch = entryIds.slice(i, i + PAGE);
    const found = await db.collection<{ _id: string; read: boolean }>('inbox').where({ _id: _.in(batch) }).field({ _id: true, read: true }).limit(PAGE).get();
    for (const doc of found) entries.set(doc._id, { read: doc.read });
  }
  return { jobs: new Map(jobs.map((job) => [job._id, job])), entries };
}
