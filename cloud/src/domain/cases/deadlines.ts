/**
 * 限时办结: what the timer should do with the open cases now. Pure decisions (deadlineActions, dueForAutoClose) and the
 * document change for each decision (markDeadline), so a retried timer run decides again from fresh documents.
 */
import {
  chinaDate,
  DAY_MS,
  defaultCalendar,
  endOfChinaDay,
  workingDaysBetween,
  type WorkCalendar,
} from '../../../../src/shared/calendar';
import type { CaseDoc } from '../../../../src/shared/cases/model';
import { AUTO_CLOSE_DAYS, HANDLING_STATES, WARN_WORKING_DAYS } from '../../../../src/shared/cases/states';
import { CaseErrors } from '../../../../src/shared/cases/errors';
import { AppError } from '../../../../src/shared/errors';
import { SYSTEM_ACTOR } from '../../../../src/shared/identity';
import { withChanges, type TransitionResult } from './machine';

export type DeadlineKind = 'warn' | 'overdue' | 'escalate';

export interface DeadlineAction {
  caseId: string;
  kind: DeadlineKind;
}

type Timed = Pick<CaseDoc, 'state' | 'deadline' | 'warnedAt' | 'overdue' | 'escalatedAt'>;

/** Still waiting for a reply, with a deadline (the 限时办结 clock runs). */
function running(doc: Timed): doc is Timed & { deadline: string } {
  return HANDLING_STATES.includes(doc.state) && doc.deadline !== undefined;
}

/** Past the end of the deadline day in China time. */
export function isPastDeadline(doc: Timed, now: number): boolean {
  return running(doc) && now > endOfChinaDay(doc.deadline);
}

/** Due for its one T-2 warning: within WARN_WORKING_DAYS working days of the deadline, not yet past it, not warned. */
export function needsWarning(doc: Timed, now: number, calendar: WorkCalendar = defaultCalendar): boolean {
  if (!running(doc) || doc.warnedAt !== undefined) return false;
  const today = chinaDate(now);
  return today <= doc.deadline && workingDaysBetween(today, doc.deadline, calendar) <= WARN_WORKING_DAYS;
}

/** Just became overdue: past the deadline without a reply and not yet marked. */
export function needsOverdueMark(doc: Timed, now: number): boolean {
  return !doc.overdue && isPastDeadline(doc, now);
}

/** Overdue (marked or becoming so in this run) and not yet escalated to 督办. */
export function needsEscalation(doc: Timed, now: number): boolean {
  return running(doc) && doc.escalatedAt === undefined && (doc.overdue || isPastDeadline(doc, now));
}

/**
 * What the timer should do now, in a stable order (by case, then warn → overdue → escalate). A case passing its
 * deadline in one run yields both 'overdue' and 'escalate'; a case past its deadline is never warned.
 */
export function deadlineActions(
  cases: readonly CaseDoc[],
  now: number,
  calendar: WorkCalendar = defaultCalendar,
): DeadlineAction[] {
  const actions: DeadlineAction[] = [];
  for (const doc of cases) {
    if (needsWarning(doc, now, calendar)) actions.push({ caseId: doc._id, kind: 'warn' });
    if (needsOverdueMark(doc, now)) actions.push({ caseId: doc._id, kind: 'overdue' });
    if (needsEscalation(doc, now)) actions.push({ caseId: doc._id, kind: 'escalate' });
  }
  return actions;
}


/** Replied cases nobody rated for `days` days: the timer archives them with the 'close' transition as system. */
export function dueForAutoClose(cases: readonly CaseDoc[], now: number, days: number = AUTO_CLOSE_DAYS): string[] {
  return cases
    .filter((doc) => doc.state === 'replied' && doc.reply !== undefined && now - doc.reply.at >= days * DAY_MS)
    .map((doc) => doc._id);
}

const STILL_DUE: Record<DeadlineKind, (doc: CaseDoc, now: number, calendar: WorkCalendar) => boolean> = {
  warn: needsWarning,
  overdue: needsOverdueMark,
  escalate: needsEscalation,
};

const MARK_NOTES: Record<DeadlineKind, string> = {
  warn: `距办理期限不足 ${WARN_WORKING_DAYS} 个工作日`,
  overdue: '已超过办理期限',
  escalate: '逾期未答复，转入督办',
};

const NOT_DUE: Record<DeadlineKind, string> = {
  warn: '这件意见当前不需要到期提醒',
  overdue: '这件意见没有新逾期',
  escalate: '这件意见当前不需要督办',
};

/**
 * The timer's change for one decision, as the system: warnedAt / overdue / escalatedAt set, version bumped, and the
 * audit event (the handler's warning is internal). Throws CASE.INVALID_TRANSITION when the decision no longer holds.
 * Marks of one case chain (mark 'escalate' on the result of 'overdue') and persist once, guarded by the case as read.
 */
export function markDeadline(
  caseDoc: CaseDoc,
  kind: DeadlineKind,
  now: number,
  calendar: WorkCalendar = defaultCalendar,
): TransitionResult {
  if (!STILL_DUE[kind](caseDoc, now, calendar)) {
    throw new AppError(CaseErrors.INVALID_TRANSITION, NOT_DUE[kind], { state: caseDoc.state, kind });
  }
  const set: Partial<CaseDoc> =
    kind === 'warn' ? { warnedAt: now } : kind === 'overdue' ? { overdue: true } : { escalatedAt: now };
  const next = withChanges(caseDoc, { ...set, version: caseDoc.version + 1, updatedAt: now });
  return {
    next,
    event: {
      caseId: caseDoc._id,
      type: kind,
      from: caseDoc.state,
      to: caseDoc.state,
      byOpenid: SYSTEM_ACTOR.openid,
      byName: SYSTEM_ACTOR.name,
      byRole: 'system',
      note: MARK_NOTES[kind],
      internal: kind === 'warn',
      at: now,
      data: { deadline: caseDoc.deadline, ...(kind === 'escalate' && caseDoc.handler ? { handler: caseDoc.handler } : {}) },
    },
  };
}
