/**
 * `care`: 节假日安排 and 廉政提醒 for staff, and the timer trigger `daily` (09:00 China time) that turns the day's festival
 * reminders into push jobs (the `push` function's worker sends them). WeChat allows one timer per function: the daily
 * 政治生日 run has its own in the `birthday` function (see why there).
 *
 * The daily run is idempotent per reminder, not per fire: each festival reminder's job id is derived from (festival,
 * year), so a second fire, a late fire or a fire after a crash finds the job already made and adds nothing; a day missed
 * entirely is caught up the next day while the holiday has not begun (dueReminders).
 */
import { addDays, chinaDate, chinaInstant } from '../../../../src/shared/calendar';
import { festivalsOfYear } from '../../../../src/shared/calendar/festivals';
import { scheduleOfYear, type HolidayScheduleDoc } from '../../../../src/shared/calendar/schedule';
import { REMINDER_SEND_HOUR, type AdhocReminderDoc, type AdhocReminderView, type PlannedReminderView, type YearScheduleView } from '../../../../src/shared/care';
import { care } from '../../../../src/shared/contracts/care';
import { AppError, ErrorCodes, fieldError } from '../../../../src/shared/errors';
import { adminCovers, type Caller, type OrgNodeDoc } from '../../../../src/shared/identity';
import { jobPercent, type PushJobDoc } from '../../../../src/shared/push';
import { serve } from '../../app/serve';
import { requireScope } from '../../domain/access';
import {
  comingReminders,
  dueReminders,
  planReminders,
  resolveSettings,
  scheduleNotice,
  validateSchedule,
  type PlannedReminder,
  type ReminderSettings,
} from '../../domain/care/festival-reminders';
import { jobId } from '../../domain/push/job';
import { careRepo, jobsByIds } from '../../infra/care';
import type { Database, Stored } from '../../infra/database';
import { holidaysRepo } from '../../infra/holidays';
import { orgNodes } from '../../infra/push';
import { publishReminder } from './publish';

const FESTIVAL_FEATURE = 'care-festival';
const ADHOC_FEATURE = 'care-adhoc';

export const main = serve(
  care,
  {
    calendar: async ({ year }, { caller, db }) => {
      const orgs = await orgNodes(db);
      const entered = await holidaysRepo(db).schedules([year]);
      return { schedule: scheduleView(year, entered), canEdit: isDistrictAdmin(caller, orgs) };
    },
    saveSchedule: async (input, { caller, db, now }) => {
      requireDistrictAdmin(caller, await orgNodes(db), '放假安排');
      const schedule = validateSchedule(input);
      const saved = await holidaysRepo(db).saveSchedule(schedule, caller.name, now);
      return { schedule: scheduleView(input.year, [saved]) };
    },
    notice: async (_input, { caller, db, now }) => {
      const today = chinaDate(now);
      const year = Number(today.slice(0, 4));
      const entered = await holidaysRepo(db).schedules([year, year + 1]);
      const notice = scheduleNotice(today, (candidate) => scheduleOfYear(candidate, entered).source !== 'none');
      return { notice, canEdit: isDistrictAdmin(caller, await orgNodes(db)) };
    },
    settings: async (_input, { caller, db }) => {
      const settings = resolveSettings(await careRepo(db).settings());
      return { ...settings, canEdit: isDistrictAdmin(caller, await orgNodes(db)) };
    },
    saveSettings: async (input, { caller, db, now }) => {
      requireDistrictAdmin(caller, await orgNodes(db), '节日廉政提醒设置');
      await careRepo(db).saveSettings({ festivals: input.festivals, audience: input.audience, updatedAt: now, updatedBy: caller.name });
      return { ...resolveSettings(input), canEdit: true };
    },
    reminders: async (_input, { caller, db, now }) => {
      const today = chinaDate(now);
      const orgs = await orgNodes(db);
      const coming = comingReminders(today, await plansAround(db, today, resolveSettings(await careRepo(db).settings())));
      const adhoc = await careRepo(db).adhocFrom(caller.adminOrgIds, today);
      const jobs = await jobsByIds(db, [...coming.map((plan) => festivalJobId(plan.key)), ...adhoc.map((doc) => doc.jobId)]);
      return { today, festival: coming.map((plan) => plannedView(plan, jobs)), adhoc: adhoc.map((doc) => adhocView(doc, orgs, jobs)) };
    },
    preview: async ({ festival, setting }, { db, now }) => {
      const today = chinaDate(now);
      const stored = resolveSettings(await careRepo(db).settings());
      const settings: ReminderSettings = { ...stored, festivals: { ...stored.festivals, [festival]: setting } };
      const next = comingReminders(today, await plansAround(db, today, settings)).find((plan) => plan.festival === festival);
      // Every festival recurs within a year and a day, so there is always a next one.
      if (!next) throw new AppError(ErrorCodes.INPUT_INVALID, '没有找到这个节日的下一次提醒');
      return { reminder: { ...next, enabled: setting.enabled, jobId: null, percent: null } };
    },
    schedule: async (input, { caller, db, now }) => {
      const orgs = await orgNodes(db);
      const scope = orgs.find((org) => org._id === input.orgId);
      if (!scope) throw new AppError(ErrorCodes.ORG_NOT_FOUND, '没有找到这个组织');
      requireScope(caller, scope.path);
      const chosen = input.branchIds.length > 0 ? input.branchIds : [scope._id];
      for (const branchId of chosen) {
        const node = orgs.find((org) => org._id === branchId);
        if (!node || !node.path.includes(scope._id)) throw fieldError(ErrorCodes.ORG_NOT_FOUND, 'branchIds', '所选支部不在发送范围内');
      }
      const today = chinaDate(now);
      if (input.date < today) throw fieldError(ErrorCodes.INPUT_INVALID, 'date', '发送日期不能早于今天');
      if (input.date > addDays(today, 366)) throw fieldError(ErrorCodes.INPUT_INVALID, 'date', '最多提前一年安排');
      const key = `${caller.openid}:${input.requestId}`;
      const published = await publishReminder(
        db,
        orgs,
        {
          origin: { feature: ADHOC_FEATURE, key },
          orgIds: chosen,
          deputies: input.deputies,
          staff: input.staff,
          title: input.title,
          text: input.text,
          // Scheduled for today: staff mean now; a later day: that morning.
          sendAt: input.date === today ? now : sendTime(input.date),
          scopePath: scope.path,
          by: { openid: caller.openid, name: caller.name },
        },
        now,
      );
      const doc: AdhocReminderDoc = {
        _id: published.job._id,
        date: input.date,
        title: input.title,
        text: input.text,
        orgIds: chosen,
        deputies: input.deputies,
        staff: input.staff,
        jobId: published.job._id,
        scopePath: scope.path,
        byOpenid: caller.openid,
        byName: caller.name,
        createdAt: now,
      };
      const stored = await careRepo(db).addAdhoc(doc);
      return { reminder: adhocView(stored.doc, orgs, [published.job]), created: stored.created };
    },
  },
  {
    daily: async ({ db, now, caller }) => {
      const today = chinaDate(now);
      const orgs = await orgNodes(db);
      const root = districtRoot(orgs);
      const settings = resolveSettings(await careRepo(db).settings());
      const due = dueReminders(today, await plansAround(db, today, settings));
      const published: Array<{ key: string; jobId: string; created: boolean }> = [];
      for (const plan of due) {
        const result = await publishReminder(
          db,
          orgs,
          {
            origin: { feature: FESTIVAL_FEATURE, key: plan.key },
            orgIds: [root._id],
            deputies: settings.audience.deputies,
            staff: settings.audience.staff,
            title: plan.title,
            text: plan.text,
            sendAt: now,
            scopePath: root.path,
            by: { openid: caller.openid, name: '节日廉政提醒' },
          },
          now,
        );
        published.push({ key: plan.key, jobId: result.job._id, created: result.created });
      }
      if (published.length > 0) console.log(`care daily ${today}:`, JSON.stringify(published));
      return { today, published };
    },
  },
);

/** This year's and next year's festival reminders (next year's 元旦 reminder goes out in late December). */
async function plansAround(db: Database, today: string, settings: ReminderSettings): Promise<PlannedReminder[]> {
  const year = Number(today.slice(0, 4));
  const entered = await holidaysRepo(db).schedules([year, year + 1]);
  return [year, year + 1].flatMap((candidate) => planReminders(candidate, scheduleOfYear(candidate, entered), settings));
}

/** Sent at 09:00 China time on its day. */
const sendTime = (date: string): number => chinaInstant(date, REMINDER_SEND_HOUR);

const festivalJobId = (key: string): string => jobId({ feature: FESTIVAL_FEATURE, key });

function districtRoot(orgs: ReadonlyArray<Stored<OrgNodeDoc>>): Stored<OrgNodeDoc> {
  const root = orgs.find((org) => org.parentId === null);
  if (!root) throw new AppError(ErrorCodes.ORG_NOT_FOUND, '还没有设置区级组织');
  return root;
}

/** One deployment serves one district: its admins hold the root of the org tree. */
function isDistrictAdmin(caller: Caller, orgs: ReadonlyArray<Stored<OrgNodeDoc>>): boolean {
  const root = orgs.find((org) => org.parentId === null);
  return root !== undefined && adminCovers(caller, root.path);
}

function requireDistrictAdmin(caller: Caller, orgs: ReadonlyArray<Stored<OrgNodeDoc>>, what: string): void {
  requireScope(caller, districtRoot(orgs).path, `${what}由区级管理员统一设置，`);
}

function scheduleView(year: number, entered: readonly HolidayScheduleDoc[]): YearScheduleView {
  const { schedule, source } = scheduleOfYear(year, entered);
  const own = entered.find((doc) => doc.year === year);
  return {
    year,
    source,
    periods: schedule?.periods ?? [],
    workdays: schedule?.workdays ?? [],
    updatedAt: own?.updatedAt ?? null,
    updatedBy: own?.updatedBy ?? null,
    festivals: festivalsOfYear(year).map(({ key, name, date, statutory }) => ({ key, name, date, statutory })),
  };
}

function plannedView(plan: PlannedReminder, jobs: readonly PushJobDoc[]): PlannedReminderView {
  const job = jobs.find((item) => item._id === festivalJobId(plan.key));
  return { ...plan, jobId: job?._id ?? null, percent: job ? jobPercent(job) : null };
}

function adhocView(doc: AdhocReminderDoc, orgs: ReadonlyArray<Stored<OrgNodeDoc>>, jobs: readonly PushJobDoc[]): AdhocReminderView {
  const job = jobs.find((item) => item._id === doc.jobId);
  return {
    id: doc._id,
    date: doc.date,
    title: doc.title,
    text: doc.text,
    audienceNames: doc.orgIds.map((id) => orgs.find((org) => org._id === id)?.name ?? id),
    deputies: doc.deputies,
    staff: doc.staff,
    byName: doc.byName,
    jobId: doc.jobId,
    status: job?.status ?? 'scheduled',
    percent: job ? jobPercent(job) : 0,
  };
}
