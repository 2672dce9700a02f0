/**
 * 关怀提醒 storage: the festival reminder settings (`care_settings`), ad-hoc reminders (`care_reminders`) and the
 * deputies and staff a reminder may also address (`users`, by the indexed studio and org fields).
 */
import { REMINDER_SETTINGS_ID, type AdhocReminderDoc, type ReminderSettingsDoc } from '../../../src/shared/care';
import type { PushJobDoc } from '../../../src/shared/push';
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

/** Openids of the deputies and staff under the nodes to address too (the users' repository, shared with 通知公告). */
export { roleHolderOpenids as staffOpenids } from './users';

/** Push jobs by id (the reminders' progress): at most a few dozen ids. */
export async function jobsByIds(db: Database, ids: readonly string[]): Promise<Array<Stored<PushJobDoc>>> {
  if (ids.length === 0) return [];
  return db.collection<PushJobDoc>('push_jobs').where({ _id: db.command.in([...ids]) }).limit(100).get();
}
