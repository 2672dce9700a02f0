/**
 * The case state machine: every transition from every state (legal and illegal, table-driven so a new state or
 * transition is covered automatically), every relation allowed or forbidden, and the rules of each transition.
 */
import { calendarWithOverrides } from '../../../src/shared/calendar';
import { CaseErrors } from '../../../src/shared/cases/errors';
import type { CaseDoc, CaseState } from '../../../src/shared/cases/model';
import { relationsOf } from '../../../src/shared/cases/relations';
import {
  CASE_STATES,
  STATE_LABELS,
  TRANSITIONS,
  TRANSITION_NAMES,
  edgesFrom,
  type TransitionName,
} from '../../../src/shared/cases/states';
import { ErrorCodes } from '../../../src/shared/errors';
import {
  applyTransition,
  caseChanges,
  transitionGuard,
  type CaseCommand,
  type CaseEnv,
} from '../../../cloud/src/domain/cases/machine';
import type { Actor } from '../../../src/shared/cases/relations';
import {
  ACTORS,
  ACTOR_KEYS,
  DAY,
  DECLARED_RELATIONS,
  HOUR,
  NOW,
  RECEIPT,
  caseIn,
  caught,
  cn,
  commandFor,
  env,
  firstAllowed,
  outcome,
  prepared,
  submittedCase,
  type ActorKey,
} from './fixtures';

const apply = (doc: CaseDoc, command: CaseCommand, actor: Actor, overrides: Partial<CaseEnv> = {}) =>
  applyTransition(doc, command, actor, env(overrides));

// Prefer the actor with the narrowest standing, so "allowed" is not just "admin can do anything".
const ACTOR_PREFERENCE: readonly ActorKey[] = ['stranger', 'follower', 'reporter', 'handler', 'adminInScope', 'system'];

describe('every transition from every state', () => {
  const legal = TRANSITION_NAMES.flatMap((name) =>
    CASE_STATES.flatMap((state) =>
      edgesFrom(name, state).map((edge) => {
        const to: CaseState = edge.to === 'same' ? state : edge.to;
        return [name, STATE_LABELS[state], STATE_LABELS[to], { name, state, to, edge }] as const;
      }),
    ),
  );
  const illegal = TRANSITION_NAMES.flatMap((name) =>
    CASE_STATES.filter((state) => edgesFrom(name, state).length === 0).map(
      (state) => [name, STATE_LABELS[state], { name, state }] as const,
    ),
  );

  test('the table leaves no state without a way forward except the terminal ones', () => {
    const stuck = CASE_STATES.filter((state) =>
      TRANSITION_NAMES.every((name) => edgesFrom(name, state).every((edge) => edge.to === 'same')),
    );
    expect(stuck).toEqual(['closed', 'refused']);
  });

  test.each(legal)('%s from “%s” is legal and leads to “%s”', (_name, _from, _to, { name, state, to, edge }) => {
    const doc = prepared(name, caseIn(state));
    const actor = ACTORS[firstAllowed(edge.who, ACTOR_PREFERENCE)]();
    const { next, event } = apply(doc, commandFor(name, edge), actor);
    expect(next.state).toBe(to);
    expect(next.version).toBe(doc.version + 1);
    expect(next.updatedAt).toBe(NOW);
    expect(event).toMatchObject({ caseId: doc._id, from: state, to, byOpenid: actor.openid, at: NOW });
  });

  test.each(illegal)('%s from “%s” fails with CASE.INVALID_TRANSITION', (_name, label, { name, state }) => {
    const allowedSomewhere = TRANSITIONS[name].edges.flatMap((edge) => edge.who);
    const actor = ACTORS[firstAllowed(allowedSomewhere, ACTOR_PREFERENCE)]();
    // Give even a submitted case a handler, so the handler's own transitions are refused for the state, not the person.
    const doc = prepared(name, caseIn(state, { handler: caseIn('assigned').handler }));
    const error = caught(() => apply(doc, commandFor(name), actor));
    expect(error.code).toBe(CaseErrors.INVALID_TRANSITION);
    expect(error.message).toContain(`“${label}”`);
  });

  test('the message names the state and the transition in Chinese', () => {
    const error = caught(() => apply(caseIn('replied'), commandFor('assign'), ACTORS.adminInScope()));
    expect(error.message).toBe('当前状态为“已答复”，不能批办');
  });
});

describe('who may take each transition', () => {
  test.each(ACTOR_KEYS.map((key) => [key, DECLARED_RELATIONS[key].join(' + ')]))(
    '%s stands to an assigned case as %s',
    (key) => {
      expect(relationsOf(caseIn('assigned'), ACTORS[key as ActorKey]())).toEqual(DECLARED_RELATIONS[key as ActorKey]);
    },
  );

  // Business refusals that are right for an allowed actor: people already following cannot join again.
  const EXPECTED_REFUSALS: Partial<Record<TransitionName, Partial<Record<ActorKey, string>>>> = {
    join: { reporter: CaseErrors.ALREADY_FOLLOWING, follower: CaseErrors.ALREADY_FOLLOWING },
  };

  const rows = TRANSITION_NAMES.flatMap((name) =>
    TRANSITIONS[name].edges.flatMap((edge) =>
      ACTOR_KEYS.map((key) => {
        const allowed = DECLARED_RELATIONS[key].some((relation) => edge.who.includes(relation));
        const expected = allowed ? (EXPECTED_REFUSALS[name]?.[key] ?? 'ok') : ErrorCodes.AUTH_FORBIDDEN;
        const to = STATE_LABELS[edge.to === 'same' ? edge.from[0] : edge.to];
        const verdict = expected === 'ok' ? 'is allowed' : `is refused with ${expected}`;
        return [name, STATE_LABELS[edge.from[0]], to, key, verdict, expected, edge] as const;
      }),
    ),
  );

  test.each(rows)('%s from “%s” to “%s” by the %s %s', (name, _label, _to, key, _verdict, expected, edge) => {
    const doc = prepared(name, caseIn(edge.from[0]));
    expect(outcome(() => apply(doc, commandFor(name, edge), ACTORS[key]()))).toBe(expected);
  });

  test('an admin of a parent organisation node is in scope; an admin of a sibling node is not', () => {
    const district = { ...ACTORS.adminInScope(), roles: { deputyStudioIds: [], adminOrgIds: ['d1'] } };
    expect(outcome(() => apply(caseIn('submitted'), commandFor('assign'), district))).toBe('ok');
    expect(outcome(() => apply(caseIn('submitted'), commandFor('assign'), ACTORS.adminOutOfScope()))).toBe(
      ErrorCodes.AUTH_FORBIDDEN,
    );
  });

  test('a case assigned to a studio as a whole may be handled by any deputy of that studio', () => {
    const doc = caseIn('assigned', { handler: { studioId: 'studio-1' } });
    expect(relationsOf(doc, ACTORS.studioDeputy())).toContain('handler');
    expect(outcome(() => apply(doc, commandFor('reply'), ACTORS.studioDeputy()))).toBe('ok');
    expect(outcome(() => apply(doc, commandFor('reply'), ACTORS.otherStudioDeputy()))).toBe(ErrorCodes.AUTH_FORBIDDEN);
  });

  test('the timer holds only the system relation, whatever roles it carries', () => {
    expect(relationsOf(caseIn('assigned'), ACTORS.system())).toEqual(['system']);
    expect(outcome(() => apply(caseIn('submitted'), commandFor('assign'), ACTORS.system()))).toBe(ErrorCodes.AUTH_FORBIDDEN);
  });

  test('someone without an openid holds no relation and cannot even join', () => {
    const anonymous: Actor = { openid: '', name: '', roles: { deputyStudioIds: [], adminOrgIds: [] } };
    expect(relationsOf(caseIn('assigned'), anonymous)).toEqual([]);
    expect(outcome(() => apply(caseIn('assigned'), { type: 'join' }, anonymous))).toBe(ErrorCodes.AUTH_FORBIDDEN);
  });

  test('a forbidden actor is refused before the state is checked, so the refusal reveals nothing', () => {
    expect(outcome(() => apply(caseIn('closed'), commandFor('assign'), ACTORS.stranger()))).toBe(ErrorCodes.AUTH_FORBIDDEN);
  });
});

describe('assign (批办)', () => {
  test('a 求助 case assigned on 2026-09-30 is due on the 2026-10-10 make-up Saturday, after 国庆', () => {
    const { next, event } = apply(submittedCase(), commandFor('assign'), ACTORS.adminInScope());
    expect(next).toMatchObject({ state: 'assigned', deadline: '2026-10-10', limitDays: 3, assignedAt: NOW, overdue: false });
    expect(next.handler).toEqual({ studioId: 'studio-1', deputyOpenid: 'o-deputy', deputyName: '李代表' });
    expect(event).toMatchObject({ type: 'assign', byRole: 'admin', data: { deadline: '2026-10-10', limitDays: 3 } });
  });

  test('a 投诉 case assigned the same day gets 13 working days, to 2026-10-23', () => {
    const { next } = apply(submittedCase({ category: 'complaint' }), commandFor('assign'), ACTORS.adminInScope());
    expect(next.deadline).toBe('2026-10-23');
  });

  test('counts from the China date: at 00:30 on 09-30 in China (still 09-29 in UTC) the case is due 10-10', () => {
    const now = cn(2026, 9, 30, 0, 30);
    expect(new Date(now).toISOString().slice(0, 10)).toBe('2026-09-29');
    const { next } = apply(submittedCase(), commandFor('assign'), ACTORS.adminInScope(), { now });
    expect(next.deadline).toBe('2026-10-10');
  });

  test('assigned at 22:30 on 09-29 in China the same case is due a day earlier, on 10-09', () => {
    const now = cn(2026, 9, 29, 22, 30);
    const { next } = apply(submittedCase(), commandFor('assign'), ACTORS.adminInScope(), { now });
    expect(next.deadline).toBe('2026-10-09');
  });

  test('uses the category list it is given, not the defaults', () => {
    const categories = [{ key: 'help', label: '求助', limitDays: 5 }];
    const { next } = apply(submittedCase(), commandFor('assign'), ACTORS.adminInScope(), { categories });
    expect(next).toMatchObject({ limitDays: 5, deadline: '2026-10-13' });
  });

  test('uses the calendar it is given', () => {
    const calendar = calendarWithOverrides([{ date: '2026-10-10', name: '测试', isWorkday: false }]);
    const { next } = apply(submittedCase(), commandFor('assign'), ACTORS.adminInScope(), { calendar });
    expect(next.deadline).toBe('2026-10-12');
  });

  test('a category missing from the list fails with INPUT.INVALID naming the category', () => {
    const error = caught(() => apply(submittedCase({ category: 'parking' }), commandFor('assign'), ACTORS.adminInScope()));
    expect(error.code).toBe(ErrorCodes.INPUT_INVALID);
    expect(error.message).toContain('parking');
  });

  test('a category whose limit an admin set to 0 fails with INPUT.INVALID instead of a deadline of today', () => {
    const categories = [{ key: 'help', label: '求助', limitDays: 0 }];
    expect(outcome(() => apply(submittedCase(), commandFor('assign'), ACTORS.adminInScope(), { categories }))).toBe(
      ErrorCodes.INPUT_INVALID,
    );
  });

  test('a handler without a studio fails with INPUT.INVALID', () => {
    const command: CaseCommand = { type: 'assign', handler: { studioId: '' } };
    expect(outcome(() => apply(submittedCase(), command, ACTORS.adminInScope()))).toBe(ErrorCodes.INPUT_INVALID);
  });
});

describe('refuse (不予受理)', () => {
  test.each([[''], ['   ']])('needs a stated reason (%j fails with INPUT.INVALID)', (reason) => {
    const error = caught(() => apply(submittedCase(), { type: 'refuse', reason }, ACTORS.adminInScope()));
    expect(error.code).toBe(ErrorCodes.INPUT_INVALID);
    expect(error.details).toEqual({ field: 'reason' });
  });

  test('stores the trimmed reason and records it on the event', () => {
    const { next, event } = apply(caseIn('assigned'), { type: 'refuse', reason: '  重复提交  ' }, ACTORS.adminInScope());
    expect(next.refusal).toEqual({ reason: '重复提交', at: NOW, byOpenid: 'o-admin' });
    expect(event).toMatchObject({ type: 'refuse', note: '重复提交', from: 'assigned', to: 'refused' });
  });
});

describe('start (开始办理)', () => {
  test('a deputy starting a case assigned to the whole studio becomes its handler', () => {
    const doc = caseIn('assigned', { handler: { studioId: 'studio-1' } });
    const { next } = apply(doc, { type: 'start' }, ACTORS.studioDeputy());
    expect(next.handler).toEqual({ studioId: 'studio-1', deputyOpenid: 'o-deputy-2', deputyName: '周代表' });
  });

  test('starting a case assigned to a named deputy keeps the handler', () => {
    const { next } = apply(caseIn('assigned'), { type: 'start' }, ACTORS.adminInScope());
    expect(next.handler?.deputyOpenid).toBe('o-deputy');
  });
});

describe('reply (答复)', () => {
  test('a reply on or before the deadline day is on time and records the first reply', () => {
    const now = cn(2026, 10, 9, 23, 59);
    const { next, event } = apply(caseIn('in_progress'), commandFor('reply'), ACTORS.handler(), { now });
    expect(next).toMatchObject({ state: 'replied', firstRepliedAt: now, repliedOnTime: true, overdue: false });
    expect(next.reply).toEqual({
      text: '已联系物业，路灯明天更换。',
      photos: ['cloud://env/reply-1.jpg'],
      at: now,
      byOpenid: 'o-deputy',
      byName: '李代表',
    });
    expect(event).toMatchObject({ type: 'reply', byRole: 'deputy', note: '已联系物业，路灯明天更换。' });
  });

  test('a reply after the deadline day is late and clears the overdue mark', () => {
    const now = cn(2026, 10, 10, 0, 0, 1);
    const doc = caseIn('assigned', { overdue: true });
    const { next } = apply(doc, commandFor('reply'), ACTORS.handler(), { now });
    expect(next).toMatchObject({ repliedOnTime: false, overdue: false, firstRepliedAt: now });
  });

  test('a reply after 重办 keeps the first reply time and its punctuality', () => {
    const doc = caseIn('assigned', { firstRepliedAt: NOW - 9 * DAY, repliedOnTime: false, reopenCount: 1 });
    const { next, event } = apply(doc, commandFor('reply'), ACTORS.handler());
    expect(next).toMatchObject({ firstRepliedAt: NOW - 9 * DAY, repliedOnTime: false });
    expect(event.data).toMatchObject({ round: 2 });
  });

  test('needs text and at most 9 photos', () => {
    expect(outcome(() => apply(caseIn('assigned'), { type: 'reply', text: ' ' }, ACTORS.handler()))).toBe(
      ErrorCodes.INPUT_INVALID,
    );
    const photos = Array.from({ length: 10 }, (_, i) => `cloud://env/p${i}.jpg`);
    expect(outcome(() => apply(caseIn('assigned'), { type: 'reply', text: '好', photos }, ACTORS.handler()))).toBe(
      ErrorCodes.INPUT_INVALID,
    );
  });
});

describe('transfer (转办)', () => {
  test('moves the case to the new handler with a reason, keeping the deadline and re-arming the warning', () => {
    const doc = caseIn('in_progress', { warnedAt: NOW - HOUR });
    const { next, event } = apply(doc, commandFor('transfer'), ACTORS.handler());
    expect(next).toMatchObject({ state: 'assigned', deadline: '2026-10-09' });
    expect(next.handler).toEqual({ studioId: 'studio-2', deputyOpenid: 'o-deputy-9', deputyName: '吴代表' });
    expect(next.warnedAt).toBeUndefined();
    expect(event).toMatchObject({ type: 'transfer', note: '属于相邻社区', data: { from: doc.handler, to: next.handler } });
  });

  test('afterwards the new handler may reply and the old one may not', () => {
    const { next } = apply(caseIn('assigned'), commandFor('transfer'), ACTORS.adminInScope());
    expect(outcome(() => apply(next, commandFor('reply'), ACTORS.otherStudioDeputy()))).toBe('ok');
    expect(outcome(() => apply(next, commandFor('reply'), ACTORS.handler()))).toBe(ErrorCodes.AUTH_FORBIDDEN);
  });

  test('needs a reason and a different handler', () => {
    const noReason: CaseCommand = { type: 'transfer', handler: { studioId: 'studio-2' }, reason: '' };
    expect(outcome(() => apply(caseIn('assigned'), noReason, ACTORS.handler()))).toBe(ErrorCodes.INPUT_INVALID);
    const same: CaseCommand = { type: 'transfer', handler: { studioId: 'studio-1', deputyOpenid: 'o-deputy' }, reason: '换人' };
    expect(caught(() => apply(caseIn('assigned'), same, ACTORS.handler())).message).toBe('不能转办给当前承办人');
  });
});

describe('extend (延期)', () => {
  test('moves the deadline by working days and records the reason', () => {
    const { next, event } = apply(caseIn('assigned'), commandFor('extend'), ACTORS.handler());
    expect(next.deadline).toBe('2026-10-12');
    expect(next.extension).toEqual({ reason: '需要协调供电公司', from: '2026-10-09', to: '2026-10-12', at: NOW });
    expect(event).toMatchObject({ type: 'extend', from: 'assigned', to: 'assigned', data: { from: '2026-10-09', to: '2026-10-12' } });
  });

  test('is allowed until the last millisecond of the deadline day', () => {
    const now = cn(2026, 10, 9, 23, 59, 59, 999);
    expect(outcome(() => apply(caseIn('in_progress'), commandFor('extend'), ACTORS.handler(), { now }))).toBe('ok');
  });

  test('after the deadline day fails with CASE.EXTENSION_LATE', () => {
    const now = cn(2026, 10, 10, 0, 0);
    expect(outcome(() => apply(caseIn('in_progress'), commandFor('extend'), ACTORS.handler(), { now }))).toBe(
      CaseErrors.EXTENSION_LATE,
    );
  });

  test('a second extension fails with CASE.EXTENSION_USED', () => {
    const { next } = apply(caseIn('assigned'), commandFor('extend'), ACTORS.handler());
    expect(outcome(() => apply(next, commandFor('extend'), ACTORS.handler()))).toBe(CaseErrors.EXTENSION_USED);
  });

  test('stays used after a transfer and after 重办', () => {
    const extended = apply(caseIn('assigned'), commandFor('extend'), ACTORS.handler()).next;
    const transferred = apply(extended, commandFor('transfer'), ACTORS.handler()).next;
    expect(outcome(() => apply(transferred, commandFor('extend'), ACTORS.otherStudioDeputy()))).toBe(
      CaseErrors.EXTENSION_USED,
    );
  });

  test('needs a reason and a whole number of days no larger than the case limit', () => {
    const ask = (days: number, reason = '协调') => () =>
      apply(caseIn('assigned'), { type: 'extend', reason, days }, ACTORS.handler());
    expect(outcome(ask(2, ''))).toBe(ErrorCodes.INPUT_INVALID);
    expect(outcome(ask(0))).toBe(ErrorCodes.INPUT_INVALID);
    expect(outcome(ask(1.5))).toBe(ErrorCodes.INPUT_INVALID);
    expect(outcome(ask(4))).toBe(ErrorCodes.INPUT_INVALID);
    expect(outcome(ask(3))).toBe('ok');
  });
});

describe('rate (评价) and 重办', () => {
  test('"solved" rates the case with both parts of the rating', () => {
    const { next, event } = apply(caseIn('replied'), { type: 'rate', attitude: 5, solved: 'yes' }, ACTORS.reporter());
    expect(next).toMatchObject({ state: 'rated', rating: { attitude: 5, solved: 'yes', at: NOW } });
    expect(event).toMatchObject({ type: 'rate', byRole: 'resident', data: { attitude: 5, solved: 'yes' } });
  });

  test('"partly solved" also rates the case', () => {
    const { next } = apply(caseIn('replied'), { type: 'rate', attitude: 3, solved: 'partly' }, ACTORS.reporter());
    expect(next.state).toBe('rated');
  });

  test('the rating event names the handling deputy (for his month figures), never shown to him', () => {
    const { event } = apply(caseIn('replied'), { type: 'rate', attitude: 3, solved: 'partly' }, ACTORS.reporter());
    expect(event.data).toEqual({ attitude: 3, solved: 'partly', handlerOpenid: 'o-deputy' });
  });

  test('"not solved" reopens the case to the same handler with a fresh deadline', () => {
    const doc = caseIn('replied', { warnedAt: NOW - 9 * DAY, escalatedAt: NOW - 8 * DAY, overdue: false });
    const { next, event } = apply(doc, { type: 'rate', attitude: 2, solved: 'no' }, ACTORS.reporter());
    expect(next).toMatchObject({ state: 'assigned', reopenCount: 1, deadline: '2026-10-10', overdue: false });
    expect(next.handler).toEqual(doc.handler);
    expect(next.rating).toEqual({ attitude: 2, solved: 'no', at: NOW });
    expect(next.warnedAt).toBeUndefined();
    expect(next.escalatedAt).toBeUndefined();
    expect(event).toMatchObject({ type: 'reopen', from: 'replied', to: 'assigned', data: { solved: 'no', deadline: '2026-10-10' } });
  });

  test('a rating cannot be given twice in one reply round, by the reporter or a follower', () => {
    const rated = apply(caseIn('replied'), { type: 'rate', attitude: 5, solved: 'yes' }, ACTORS.reporter()).next;
    expect(outcome(() => apply(rated, { type: 'rate', attitude: 1, solved: 'no' }, ACTORS.reporter()))).toBe(
      CaseErrors.INVALID_TRANSITION,
    );
    const coRated = apply(caseIn('replied'), { type: 'co_rate', attitude: 1, solved: 'no' }, ACTORS.follower()).next;
    expect(outcome(() => apply(coRated, { type: 'co_rate', attitude: 2, solved: 'no' }, ACTORS.follower()))).toBe(
      CaseErrors.INVALID_TRANSITION,
    );
  });

  test("a 我也遇到 follower cannot give the reporter's rating: their 否 does not reopen the case", () => {
    expect(outcome(() => apply(caseIn('replied'), { type: 'rate', attitude: 1, solved: 'no' }, ACTORS.follower()))).toBe(
      ErrorCodes.AUTH_FORBIDDEN,
    );
  });

  test("a follower's own rating is kept apart under their place among followers and moves nothing", () => {
    const doc = caseIn('replied');
    const { next, event } = apply(doc, { type: 'co_rate', attitude: 1, solved: 'no' }, ACTORS.follower());
    expect(next).toMatchObject({ state: 'replied', reopenCount: 0, deadline: doc.deadline });
    expect(next.rating).toBeUndefined();
    expect(next.followerRatings).toEqual([{ follower: 1, attitude: 1, solved: 'no', at: NOW, round: 0 }]);
    expect(JSON.stringify(next.followerRatings)).not.toContain('o-follower');
    expect(event).toMatchObject({ type: 'co_rate', from: 'replied', to: 'replied', internal: true });
  });

  test("after a follower rated 否, the reporter's own 否 still reopens the case and the follower may rate the next reply", () => {
    const coRated = apply(caseIn('replied'), { type: 'co_rate', attitude: 1, solved: 'no' }, ACTORS.follower()).next;
    const reopened = apply(coRated, { type: 'rate', attitude: 2, solved: 'no' }, ACTORS.reporter()).next;
    expect(reopened).toMatchObject({ state: 'assigned', reopenCount: 1, rating: { attitude: 2, solved: 'no' } });
    const replied = apply(reopened, commandFor('reply'), ACTORS.handler(), { now: NOW + DAY }).next;
    const again = apply(replied, { type: 'co_rate', attitude: 4, solved: 'yes' }, ACTORS.follower(), { now: NOW + 2 * DAY }).next;
    expect(again.followerRatings).toEqual([{ follower: 1, attitude: 4, solved: 'yes', at: NOW + 2 * DAY, round: 1 }]);
  });

  test('after 重办 and a new reply the resident may rate again', () => {
    const reopened = apply(caseIn('replied'), { type: 'rate', attitude: 1, solved: 'no' }, ACTORS.reporter()).next;
    const replied = apply(reopened, commandFor('reply'), ACTORS.handler(), { now: NOW + DAY }).next;
    const { next } = apply(replied, { type: 'rate', attitude: 4, solved: 'yes' }, ACTORS.reporter(), { now: NOW + 2 * DAY });
    expect(next).toMatchObject({ state: 'rated', reopenCount: 1, rating: { attitude: 4, solved: 'yes' } });
  });

  test('needs an attitude from 1 to 5 and a known answer to "solved"', () => {
    expect(outcome(() => apply(caseIn('replied'), { type: 'rate', attitude: 6, solved: 'yes' }, ACTORS.reporter()))).toBe(
      ErrorCodes.INPUT_INVALID,
    );
    const odd = { type: 'rate', attitude: 3, solved: 'maybe' } as unknown as CaseCommand;
    expect(outcome(() => apply(caseIn('replied'), odd, ACTORS.reporter()))).toBe(ErrorCodes.INPUT_INVALID);
  });
});

describe('close (归档)', () => {
  test('an admin archives a rated case', () => {
    const { next, event } = apply(caseIn('rated'), { type: 'close' }, ACTORS.adminInScope());
    expect(next).toMatchObject({ state: 'closed', closedAt: NOW });
    expect(event.data).toEqual({ auto: false });
  });

  test('the timer archives a reply nobody rated for 7 days', () => {
    const doc = caseIn('replied', { reply: { text: '已处理', photos: [], at: NOW - 7 * DAY, byOpenid: 'o-deputy', byName: '李代表' } });
    const { next, event } = apply(doc, { type: 'close' }, ACTORS.system());
    expect(next.state).toBe('closed');
    expect(event).toMatchObject({ byRole: 'system', data: { auto: true } });
  });

  test('the timer may not archive a reply younger than 7 days', () => {
    const doc = caseIn('replied', { reply: { text: '已处理', photos: [], at: NOW - 7 * DAY + 1, byOpenid: 'o-deputy', byName: '李代表' } });
    const error = caught(() => apply(doc, { type: 'close' }, ACTORS.system()));
    expect(error.code).toBe(CaseErrors.INVALID_TRANSITION);
    expect(error.message).toContain('7 天');
  });

  test('the waiting period comes from the environment when given', () => {
    const doc = caseIn('replied');
    expect(outcome(() => apply(doc, { type: 'close' }, ACTORS.system(), { autoCloseDays: 10 }))).toBe(
      CaseErrors.INVALID_TRANSITION,
    );
  });
});

describe('claim (认领纸质意见表)', () => {
  const paper = () => prepared('claim', caseIn('assigned'));

  test('the resident holding the receipt becomes the reporter and a follower, however they typed it', () => {
    const { next, event } = apply(paper(), { type: 'claim', receiptNo: ' ls 2026 000123 ' }, ACTORS.stranger());
    expect(next).toMatchObject({ reporterOpenid: 'o-stranger', followers: ['o-stranger'], state: 'assigned' });
    expect(event).toMatchObject({ type: 'claim', byRole: 'resident' });
  });

  test('a wrong receipt number fails with INPUT.INVALID', () => {
    expect(outcome(() => apply(paper(), { type: 'claim', receiptNo: 'LS-2026-000124' }, ACTORS.stranger()))).toBe(
      ErrorCodes.INPUT_INVALID,
    );
  });

  test('a claimed paper case and an online case cannot be claimed', () => {
    const claimed = apply(paper(), { type: 'claim', receiptNo: RECEIPT }, ACTORS.stranger()).next;
    expect(outcome(() => apply(claimed, { type: 'claim', receiptNo: RECEIPT }, ACTORS.follower()))).toBe(
      CaseErrors.ALREADY_CLAIMED,
    );
    expect(outcome(() => apply(caseIn('assigned'), { type: 'claim', receiptNo: RECEIPT }, ACTORS.stranger()))).toBe(
      CaseErrors.ALREADY_CLAIMED,
    );
  });
});

describe('join (我也遇到) and notes', () => {
  test('joining adds the resident as a follower', () => {
    const { next, event } = apply(caseIn('in_progress'), { type: 'join' }, ACTORS.stranger());
    expect(next.followers).toEqual(['o-reporter', 'o-follower', 'o-stranger']);
    expect(event).toMatchObject({ type: 'join', byOpenid: 'o-stranger', internal: false });
  });

  test('joining twice fails with CASE.ALREADY_FOLLOWING', () => {
    const { next } = apply(caseIn('submitted'), { type: 'join' }, ACTORS.stranger());
    expect(outcome(() => apply(next, { type: 'join' }, ACTORS.stranger()))).toBe(CaseErrors.ALREADY_FOLLOWING);
  });

  test('an internal note changes nothing but the version and is recorded as internal', () => {
    const doc = caseIn('in_progress');
    const { next, event } = apply(doc, { type: 'note', text: '已电话联系物业经理' }, ACTORS.studioDeputy());
    expect(caseChanges(doc, next)).toEqual({ set: { version: doc.version + 1, updatedAt: NOW }, unset: [] });
    expect(event).toMatchObject({ type: 'note', internal: true, note: '已电话联系物业经理', byRole: 'deputy' });
  });
});

describe('persisting a transition', () => {
  test('the guard is the case as it was read: id and old version', () => {
    const doc = caseIn('assigned');
    const { next } = apply(doc, commandFor('reply'), ACTORS.handler());
    expect(transitionGuard(doc)).toEqual({ _id: 'case-1', version: 2 });
    expect(next.version).toBe(3);
  });

  test('two transitions computed from the same read both carry the same guard, so only one update can match', () => {
    const doc = caseIn('assigned');
    const first = apply(doc, commandFor('reply'), ACTORS.handler());
    const second = apply(doc, commandFor('transfer'), ACTORS.adminInScope());
    expect(first.next.version).toBe(second.next.version);
    expect(transitionGuard(doc)).not.toEqual(transitionGuard(first.next));
  });

  test('the changes list fields to set and fields to remove (a merge update would keep removed ones)', () => {
    const doc = caseIn('replied', { warnedAt: NOW - DAY });
    const { next } = apply(doc, { type: 'rate', attitude: 2, solved: 'no' }, ACTORS.reporter());
    const { set, unset } = caseChanges(doc, next);
    expect(unset).toEqual(['warnedAt']);
    expect(set).toMatchObject({ state: 'assigned', reopenCount: 1, deadline: '2026-10-10', version: doc.version + 1 });
    expect(Object.keys(set)).not.toContain('title');
  });

  test('the input case is never modified', () => {
    const doc = caseIn('replied', { warnedAt: NOW - DAY });
    const before = JSON.stringify(doc);
    apply(doc, { type: 'rate', attitude: 2, solved: 'no' }, ACTORS.reporter());
    expect(JSON.stringify(doc)).toBe(before);
  });

  test('an unknown command fails with INPUT.INVALID', () => {
    const unknown = { type: 'delete' } as unknown as CaseCommand;
    expect(outcome(() => apply(caseIn('assigned'), unknown, ACTORS.adminInScope()))).toBe(ErrorCodes.INPUT_INVALID);
  });
});
