/**
 * The working calendar's stored parts: years of 放假安排 staff entered (`holiday_schedules`, one document per year) and
 * single days staff changed (`holidays`). Both the 限时办结 deadlines and the 廉政提醒 read them through here.
 */
import { calendarWithOverrides, chinaDate, type HolidayDoc, type WorkCalendar } from '../../../src/shared/calendar';
import { calendarWithSchedules, type HolidayScheduleDoc, type YearSchedule } from '../../../src/shared/calendar/schedule';
import type { Database, Stored } from './database';

export function holidaysRepo(db: Database) {
  const schedules = db.collection<HolidayScheduleDoc>('holiday_schedules');
  const _ = db.command;
  return {
    /** The staff-entered schedules of these years (a handful of small documents). */
    async schedules(years: readonly number[]): Promise<Array<Stored<HolidayScheduleDoc>>> {
      return schedules.where({ year: _.in([...years]) }).limit(100).get();
    },
    /** Replaces the year's schedule in one write (a year is one document, so a save is never half applied). */
    async saveSchedule(schedule: YearSchedule, by: string, now: number): Promise<HolidayScheduleDoc> {
      const doc: HolidayScheduleDoc = { _id: String(schedule.year), ...schedule, updatedAt: now, updatedBy: by };
      const { _id, ...fields } = doc;
      await schedules.doc(_id).set(fields as HolidayScheduleDoc);
      return doc;
    },
  };
}

/**
 * The working-day calendar around `now`: the built-in schedule, each staff-entered year replacing it for that year, and
 * the `holidays` collection's single days on top — how a newly published year, or a local change, reaches the rules
 * without a release.
 */
export async function loadWorkCalendar(db: Database, now: number): Promise<WorkCalendar> {
  const year = Number(chinaDate(now).slice(0, 4));
  const years = [year - 1, year, year + 1];
  const _ = db.command;
  // Deadlines reach into next year in December; a few dozen days per year, well within one page.
  const [entered, days] = await Promise.all([
    holidaysRepo(db).schedules(years),
    db.collection<HolidayDoc>('holidays').where({ year: _.in(years) }).limit(1000).get(),
  ]);
  return calendarWithOverrides(
    days.map(({ date, name, isWorkday }) => ({ date, name, isWorkday })),
    calendarWithSchedules(entered),
  );
}
