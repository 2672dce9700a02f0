/** 限时办结: which open cases the timer warns, marks overdue and escalates to 督办, and what each mark changes. */
import { calendarWithOverrides } from '../../../src/shared/calendar';
import { CaseErrors } from '../../../src/shared/cases/errors';
import {
  deadlineActions,
  dueForAutoClose,
  markDeadline,
} from '../../../cloud/src/domain/cases/deadlines';
import { DAY, caseIn, cn, outcome } from './fixtures';

// The fixture case is due on 2026-10-10, the 国庆 make-up Saturday.
const due1010 = (fields: Parameters<typeof caseIn>[1] = {}) => caseIn('in_progress', { deadline: '2026-10-10', ...fields });

describe('the T-2 working-day warning', () => {
  test('is due two working days before the deadline (Thursday 10-08 for a Saturday make-up deadline)', () => {
    expect(deadlineActions([due1010()], cn(2026, 10, 8, 9))).toEqual([{ caseId: 'case-1', kind: 'warn' }]);
  });

  test('is not due three working days before, even when the days between are a holiday', () => {
    expect(deadlineActions([due1010()], cn(2026, 10, 7, 9))).toEqual([]);
    expect(deadlineActions([due1010()], cn(2026, 9, 30, 9))).toEqual([]);
  });

  test('is still sent on the deadline day if an earlier run missed it', () => {
    expect(deadlineActions([due1010()], cn(2026, 10, 10, 23, 59))).toEqual([{ caseId: 'case-1', kind: 'warn' }]);
  });

  test('is sent once: a warned case is not warned again', () => {
    expect(deadlineActions([due1010({ warnedAt: cn(2026, 10, 8, 9) })], cn(2026, 10, 9, 9))).toEqual([]);
  });

  test('follows the calendar it is given: with 10-09 off, 10-07 is already two working days before', () => {
    const calendar = calendarWithOverrides([{ date: '2026-10-09', name: '测试', isWorkday: false }]);
    expect(deadlineActions([due1010()], cn(2026, 10, 7, 9))).toEqual([]);
    expect(deadlineActions([due1010()], cn(2026, 10, 7, 9), calendar)).toEqual([{ caseId: 'case-1', kind: 'warn' }]);
  });
});

describe('overdue and 督办', () => {
  test('a case unanswered past the end of its deadline day becomes overdue and is escalated in the same run', () => {
    expect(deadlineActions([due1010({ warnedAt: 1 })], cn(2026, 10, 11, 0, 0, 0, 1))).toEqual([
      { caseId: 'case-1', kind: 'overdue' },
      { caseId: 'case-1', kind: 'escalate' },
    ]);
  });

  test('at the last millisecond of the deadline day it is not yet overdue', () => {
    expect(deadlineActions([due1010({ warnedAt: 1 })], cn(2026, 10, 10, 23, 59, 59, 999))).toEqual([]);
  });

  test('a past-deadline case is never warned', () => {
    expect(deadlineActions([due1010()], cn(2026, 10, 12, 9)).map((action) => action.kind)).toEqual(['overdue', 'escalate']);
  });

  test('an overdue case not yet escalated is escalated; an escalated one is left alone', () => {
    const now = cn(2026, 10, 12, 9);
    expect(deadlineActions([due1010({ warnedAt: 1, overdue: true })], now)).toEqual([{ caseId: 'case-1', kind: 'escalate' }]);
    expect(deadlineActions([due1010({ warnedAt: 1, overdue: true, escalatedAt: now - DAY })], now)).toEqual([]);
  });

  test.each(['submitted', 'replied', 'rated', 'closed', 'refused'] as const)(
    'a %s case is not watched by the timer',
    (state) => {
      expect(deadlineActions([caseIn(state, { deadline: '2026-10-10' })], cn(2026, 10, 20, 9))).toEqual([]);
    },
  );

  test('decisions come case by case in the order given', () => {
    const cases = [
      due1010({ _id: 'a' }),
      due1010({ _id: 'b', deadline: '2026-10-09', warnedAt: 1 }),
      due1010({ _id: 'c', deadline: '2026-10-30' }),
    ];
    expect(deadlineActions(cases, cn(2026, 10, 10, 9))).toEqual([
      { caseId: 'a', kind: 'warn' },
      { caseId: 'b', kind: 'overdue' },
      { caseId: 'b', kind: 'escalate' },
    ]);
  });
});

describe('marking a decision', () => {
  const now = cn(2026, 10, 12, 9);

  test('a warning sets warnedAt and is an internal event by the system', () => {
    const doc = due1010();
    const { next, event } = markDeadline(doc, 'warn', cn(2026, 10, 8, 9));
    expect(next).toMatchObject({ warnedAt: cn(2026, 10, 8, 9), version: doc.version + 1, state: 'in_progress' });
    expect(event).toMatchObject({ type: 'warn', internal: true, byRole: 'system', byOpenid: 'system', data: { deadline: '2026-10-10' } });
  });

  test('overdue then escalate chain on one document and persist once', () => {
    const doc = due1010({ warnedAt: 1 });
    const overdue = markDeadline(doc, 'overdue', now);
    const escalated = markDeadline(overdue.next, 'escalate', now);
    expect(escalated.next).toMatchObject({ overdue: true, escalatedAt: now, version: doc.version + 2 });
    expect(overdue.event).toMatchObject({ type: 'overdue', internal: false });
    expect(escalated.event).toMatchObject({ type: 'escalate', internal: false, data: { handler: doc.handler } });
  });

  test('a decision that no longer holds fails with CASE.INVALID_TRANSITION (a reply came in meanwhile)', () => {
    const replied = caseIn('replied', { deadline: '2026-10-10' });
    expect(outcome(() => markDeadline(replied, 'overdue', now))).toBe(CaseErrors.INVALID_TRANSITION);
    expect(outcome(() => markDeadline(due1010({ warnedAt: 1 }), 'warn', cn(2026, 10, 9, 9)))).toBe(
      CaseErrors.INVALID_TRANSITION,
    );
  });
});

describe('auto-archiving unrated replies', () => {
  test('a reply nobody rated for 7 days is due; one a millisecond younger is not', () => {
    const at = cn(2026, 10, 1, 12);
    const reply = { text: '已处理', photos: [], at, byOpenid: 'o-deputy', byName: '李代表' };
    const cases = [caseIn('replied', { _id: 'old', reply }), caseIn('rated', { _id: 'rated', reply })];
    expect(dueForAutoClose(cases, at + 7 * DAY)).toEqual(['old']);
    expect(dueForAutoClose(cases, at + 7 * DAY - 1)).toEqual([]);
    expect(dueForAutoClose(cases, at + 3 * DAY, 3)).toEqual(['old']);
  });
});
