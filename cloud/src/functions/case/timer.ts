/**
 * 限时办结, daily at 08:30 China time: warn handlers two working days before the deadline, mark overdue cases and
 * escalate them to 督办 (the handler and the admins of the scope are told), and archive replies nobody rated in time.
 * The same trigger (WeChat allows one per function) sends the admins' 新意见日报 (digest.ts).
 * Every change is a conditional update on the case as read: a case someone changed meanwhile is left for tomorrow.
 */
import { addDays, chinaDate, DAY_MS, defaultCalendar, type WorkCalendar } from '../../../../src/shared/calendar';
import type { CaseDoc } from '../../../../src/shared/cases/model';
import type { Actor } from '../../../../src/shared/cases/relations';
import { AUTO_CLOSE_DAYS, HANDLING_STATES } from '../../../../src/shared/cases/states';
import { AppError } from '../../../../src/shared/errors';
import { SYSTEM_ACTOR } from '../../../../src/shared/identity';
import type { RequestContext } from '../../app/serve';
import { deadlineActions, markDeadline, type DeadlineKind } from '../../domain/cases/deadlines';
import { applyTransition, type NewCaseEvent } from '../../domain/cases/machine';
import { readAll, type Database } from '../../infra/database';
import { sendDigest } from './digest';
import { adminsOver, announce, handlerOpenids, todoNotice } from './notices';
import { loadCalendar } from './reference';
import { CASE_CONFLICT, casesOf, saveCase, type StoredCase } from './store';

/** The trigger's name in config.json. */
export const DEADLINE_TRIGGER = 'deadlines';

export interface DeadlineRun {
  warned: number;
  overdue: number;
  escalated: number;
  closed: number;
  /** Cases changed by someone else while the run worked on them (decided again on the next run). */
  skipped: number;
  /** Admins told of yesterday's new opinions (0 when this day's digest went out already). */
  digests: number;
}

const SYSTEM: Actor = { ...SYSTEM_ACTOR, roles: { deputyStudioIds: [], adminOrgIds: [] }, system: true };
// A T-2 working-day warning can fall this many calendar days before the deadline (two working days around 春节).
const WARN_HORIZON_DAYS = 31;

/** One run of the 限时办结 check as of `ctx.now`. */
export async function runDeadlines(ctx: RequestContext): Promise<DeadlineRun> {
  const { db, now } = ctx;
  const run: DeadlineRun = { warned: 0, overdue: 0, escalated: 0, closed: 0, skipped: 0, digests: 0 };
  const [calendar, running] = await Promise.all([loadCalendar(db, now), runningCases(db, now)]);
  const escalations = await markAll(ctx, running, calendar, run);
  await tellAdmins(ctx, escalations);
  await autoClose(ctx, run);
  run.digests = await sendDigest(ctx);
  return run;
}

/** Cases whose 限时办结 clock runs, not yet escalated, due within the warning horizon. */
async function runningCases(db: Database, now: number): Promise<StoredCase[]> {
  const _ = db.command;
  const horizon = addDays(chinaDate(now), WARN_HORIZON_DAYS);
  const query = casesOf(db)
    .where({ supervised: false, state: _.in([...HANDLING_STATES]), deadline: _.lte(horizon) })
    .orderBy('deadline', 'asc');
  // Every page first: marking a case moves it out of the filter, which would shift later pages.
  return readAll(query);
}

/** Applies each case's marks in one conditional update; answers the cases escalated in this run. */
async function markAll(ctx: RequestContext, cases: StoredCase[], calendar: WorkCalendar, run: DeadlineRun): Promise<StoredCase[]> {
  const byCase = new Map<string, DeadlineKind[]>();
  for (const action of deadlineActions(cases, ctx.now, calendar)) byCase.set(action.caseId, [...(byCase.get(action.caseId) ?? []), action.kind]);
  const escalated: StoredCase[] = [];
  for (const doc of cases) {
    const kinds = byCase.get(doc._id);
    if (!kinds) continue;
    let next: StoredCase = doc;
    const events: NewCaseEvent[] = [];
    for (const kind of kinds) {
      const marked = markDeadline(next, kind, ctx.now, calendar);
      next = { ...next, ...marked.next };
      events.push(marked.event);
    }
    const saved = await saveQuietly(ctx.db, doc, next, events, run);
    if (!saved) continue;
    if (kinds.includes('warn')) {
      run.warned += 1;
      const to = saved.handler ? await handlerOpenids(ctx.db, saved.handler) : [];
      if (to.length > 0) await ctx.notify(todoNotice(saved, to, '距办理期限不足 2 个工作日，请尽快答复', 'case_warn'));
    }
    if (kinds.includes('overdue')) run.overdue += 1;
    if (kinds.includes('escalate')) {
      run.escalated += 1;
      escalated.push(saved);
    }
  }
  return escalated;
}

/** 督办: the handler and every admin whose scope holds the case hear of it. */
async function tellAdmins(ctx: RequestContext, escalated: StoredCase[]): Promise<void> {
  const admins = await adminsOver(ctx.db, escalated.flatMap((doc) => doc.orgPath));
  for (const doc of escalated) {
    const handlers = doc.handler ? await handlerOpenids(ctx.db, doc.handler) : [];
    const over = admins.filter((admin) => admin.orgIds.some((id) => doc.orgPath.includes(id))).map((admin) => admin.openid);
    const to = [...new Set([...handlers, ...over])];
    if (to.length > 0) await ctx.notify(todoNotice(doc, to, `已超过办理期限 ${doc.deadline ?? ''}，转入督办`, 'case_supervised'));
  }
}

/** Replies nobody rated within AUTO_CLOSE_DAYS are archived by the system; the followers are told. */
async function autoClose(ctx: RequestContext, run: DeadlineRun): Promise<void> {
  const _ = ctx.db.command;
  const query = casesOf(ctx.db).where({ state: 'replied', 'reply.at': _.lte(ctx.now - AUTO_CLOSE_DAYS * DAY_MS) }).orderBy('reply.at', 'asc');
  for (const doc of await readAll(query)) {
    const { next, event } = applyTransition(doc, { type: 'close' }, SYSTEM, { now: ctx.now, calendar: defaultCalendar, categories: [] });
    const saved = await saveQuietly(ctx.db, doc, next, [event], run);
    if (!saved) continue;
    run.closed += 1;
    await announce(ctx.db, ctx.notify, saved, event);
  }
}

/** saveCase, counting a lost race as skipped instead of failing the whole run. */
async function saveQuietly(db: Database, prev: StoredCase, next: CaseDoc, events: NewCaseEvent[], run: DeadlineRun): Promise<StoredCase | null> {
  try {
    return await saveCase(db, prev, next, events);
  } catch (error) {
    if (error instanceof AppError && error.code === CASE_CONFLICT) {
      run.skipped += 1;
      return null;
    }
    throw error;
  }
}
