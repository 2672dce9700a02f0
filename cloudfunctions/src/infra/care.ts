/**
 * 关怀提醒 storage: the festival reminder settings (`care_settings`), ad-hoc reminders (`care_reminders`) and the
 * deputies and staff a reminder may also address (`users`, by the indexed studio and org fields).
 */
import { REMINDER_SETTINGS_ID, type AdhocReminderDoc, type ReminderSettingsDoc } from '../../../src/shared/care';
import type { OrgNodeDoc, UserDoc } from '../../../src/shared/identity';
import type { PushJobDoc } from '../../../src/shared/push';
import type { StudioDoc } from '../../../src/shared/studios';
import { isDuplicateKey } from './cloud';
import type { Database, Stored } from './database';

export function careRepo(db: Database) {
  const settings = db.collection<ReminderSettingsDoc>('care_settings');
  const adhoc = db.collection<AdhocReminderDoc>('care_reminders');
  const _ = db.command;
  return {
    async settings(): Promise<Stored<ReminderSettingsDoc> | null> {
      return (await settings.where({ _id: REMINDER_SETTINGS_ID }).limit(1).get())[0] ?? null;
    },
    async saveSettings(doc: Omit<ReminderSettingsDoc, '_id'>): Promise<void> {
      await settings.doc(REMINDER_SETTINGS_ID).set(doc as ReminderSettingsDoc);
    },
    /** Adds the reminder unless its request made it already; resolves the stored one and whether this call made it. */
    async addAdhoc(doc: AdhocReminderDoc): Promise<{ doc: Stored<AdhocReminderDoc>; created: boolean }> {
      try {
        await adhoc.add(doc);
        return { doc, created: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const existing = (await adhoc.where({ _id: doc._id }).limit(1).get())[0];
        if (!existing) throw error;
        return { doc: existing, created: false };
      }
    },
    /** Ad-hoc reminders under the nodes, from `from` on (a district has a few dozen a year). */
    async adhocFrom(orgIds: readonly string[], from: string): Promise<Array<Stored<AdhocReminderDoc>>> {
      return adhoc.where({ scopePath: _.in([...orgIds]), date: _.gte(from) }).orderBy('date', 'asc').limit(200).get();
    },
  };
}

/** Openids of the deputies (of studios under the nodes) and staff (managing nodes under them) to address too. */
export async function staffOpenids(
  db: Database,
  orgs: ReadonlyArray<Stored<OrgNodeDoc>>,
  under: readonly string[],
  who: { deputies: boolean; staff: boolean },
): Promise<string[]> {
  const _ = db.command;
  const users = db.collection<UserDoc>('users');
  const found = new Set<string>();
  if (who.deputies) {
    const studios = await db.collection<StudioDoc>('studios').where({ orgPath: _.in([...under]) }).limit(1000).get();
    if (studios.length > 0) {
      const deputies = await users.where({ 'deputy.studioIds': _.in(studios.map((studio) => studio._id)) }).limit(1000).get();
      for (const user of deputies) found.add(user._id);
    }
  }
  if (who.staff) {
    const nodes = orgs.filter((org) => under.some((id) => org.path.includes(id))).map((org) => org._id);
    const admins = await users.where({ 'admin.orgIds': _.in(nodes) }).limit(1000).get();
    for (const user of admins) found.add(user._id);
  }
  return [...found].sort();
}

/** Push jobs by id (the reminders' progress): at most a few dozen ids. */
export async function jobsByIds(db: Database, ids: readonly string[]): Promise<Array<Stored<PushJobDoc>>> {
  if (ids.length === 0) return [];
  return db.collection<PushJobDoc>('push_jobs').where({ _id: db.command.in([...ids]) }).limit(100).get();
}
