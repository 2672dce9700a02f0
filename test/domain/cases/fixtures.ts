/**
 * Hand-built cases in every state, actors standing in every relation to them, and a valid command per transition.
 * Every helper returns fresh objects: test files share code, never state.
 */
import { defaultCalendar } from '../../../src/shared/calendar';
import { DEFAULT_CATEGORIES } from '../../../src/shared/cases/categories';
import type { CaseDoc, CaseEventDoc, CaseState } from '../../../src/shared/cases/model';
import type { Actor } from '../../../src/shared/cases/relations';
import type { Relation, TransitionEdge, TransitionName } from '../../../src/shared/cases/states';
import type { CaseCommand, CaseEnv } from '../../../cloud/src/domain/cases/machine';
import { AppError } from '../../../src/shared/errors';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Epoch ms of a wall-clock time in China (UTC+8). */
export const cn = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0): number =>
  Date.UTC(y, m - 1, d, h, min, s, ms) - 8 * HOUR;

/** 2026-09-30 10:00 in China: the day before 国庆. */
export const NOW = cn(2026, 9, 30, 10);

export const RECEIPT = 'LS-2026-000123';
export const REPORTER_PHONE = '13812345678';

/** Organisation tree: district d1 → street s1 → community c1 (studio-1's node); s2 is a sibling street. */
export const ORG_PATH = ['d1', 's1', 'c1'];

export function env(overrides: Partial<CaseEnv> = {}): CaseEnv {
  return { now: NOW, calendar: defaultCalendar, categories: DEFAULT_CATEGORIES, ...overrides };
}

/** A 求助 case submitted online a day ago by o-reporter, followed by o-follower (我也遇到). */
export function submittedCase(overrides: Partial<CaseDoc> = {}): CaseDoc {
  return {
    _id: 'case-1',
    receiptNo: RECEIPT,
    requestId: 'req-1',
    source: 'online',
    reporterOpenid: 'o-reporter',
    followers: ['o-reporter', 'o-follower'],
    studioId: 'studio-1',
    orgPath: [...ORG_PATH],
    category: 'help',
    title: '3号楼路灯不亮',
    content: '幸福小区3号楼门口的路灯坏了两个星期，晚上很黑。',
    photos: ['cloud://env/photo-1.jpg'],
    contact: { name: '王阿姨', phone: REPORTER_PHONE },
    contactVisibleToDeputy: false,
    state: 'submitted',
    overdue: false,
    reopenCount: 0,
    createdAt: NOW - DAY,
    updatedAt: NOW - DAY,
    version: 1,
    ...overrides,
  };
}

/**
 * A realistic case in the given state: assigned to o-deputy of studio-1 on 2026-09-29 (due 2026-10-09); from replied on,
 * assigned on 09-21 and replied on 09-22, eight days ago (so the timer may archive it unrated).
 */
export function caseIn(state: CaseState, overrides: Partial<CaseDoc> = {}): CaseDoc {
  const base = submittedCase();
  const assigned: Partial<CaseDoc> = {
    handler: { studioId: 'studio-1', deputyOpenid: 'o-deputy', deputyName: '李代表' },
    limitDays: 3,
    assignedAt: NOW - DAY + HOUR,
    deadline: '2026-10-09',
    version: 2,
  };
  const replied: Partial<CaseDoc> = {
    ...assigned,
    createdAt: NOW - 10 * DAY,
    assignedAt: NOW - 9 * DAY,
    deadline: '2026-09-24',
    reply: { text: '已联系物业，路灯明天更换。', photos: [], at: NOW - 8 * DAY, byOpenid: 'o-deputy', byName: '李代表' },
    firstRepliedAt: NOW - 8 * DAY,
    repliedOnTime: true,
    version: 4,
  };
  const rated: Partial<CaseDoc> = { ...replied, rating: { attitude: 5, solved: 'yes', at: NOW - 2 * DAY }, version: 5 };
  const byState: Record<CaseState, Partial<CaseDoc>> = {
    submitted: {},
    assigned,
    in_progress: { ...assigned, version: 3 },
    replied,
    rated,
    closed: { ...rated, closedAt: NOW - DAY, version: 6 },
    refused: { refusal: { reason: '不属于工作室受理范围', at: NOW - HOUR, byOpenid: 'o-admin' }, version: 2 },
  };
  return { ...base, ...byState[state], state, ...overrides };
}

function person(openid: string, name: string, deputyStudioIds: string[] = [], adminOrgIds: string[] = []): Actor {
  return { openid, name, roles: { deputyStudioIds, adminOrgIds } };
}

/** People around case-1, each with the relations we expect them to hold to an assigned case. */
export const ACTORS = {
  reporter: () => person('o-reporter', '王阿姨'),
  follower: () => person('o-follower', '赵师傅'),
  stranger: () => person('o-stranger', '钱先生'),
  handler: () => person('o-deputy', '李代表', ['studio-1']),
  studioDeputy: () => person('o-deputy-2', '周代表', ['studio-1']),
  otherStudioDeputy: () => person('o-deputy-9', '吴代表', ['studio-2']),
  adminInScope: () => person('o-admin', '街道管理员', [], ['s1']),
  adminOutOfScope: () => person('o-admin-9', '另一街道管理员', [], ['s2']),
  system: (): Actor => ({ openid: 'system', name: '系统', roles: { deputyStudioIds: [], adminOrgIds: ['d1'] }, system: true }),
} as const;

export type ActorKey = keyof typeof ACTORS;

export const ACTOR_KEYS: readonly ActorKey[] = [
  'reporter',
  'follower',
  'stranger',
  'handler',
  'studioDeputy',
  'otherStudioDeputy',
  'adminInScope',
  'adminOutOfScope',
  'system',
];

/** What each actor is to an assigned case-1 (written by hand, not computed). */
export const DECLARED_RELATIONS: Readonly<Record<ActorKey, readonly Relation[]>> = {
  reporter: ['reporter', 'signed_in'],
  follower: ['follower', 'signed_in'],
  stranger: ['signed_in'],
  handler: ['handler', 'studio_deputy', 'signed_in'],
  studioDeputy: ['studio_deputy', 'signed_in'],
  otherStudioDeputy: ['signed_in'],
  adminInScope: ['admin', 'signed_in'],
  adminOutOfScope: ['signed_in'],
  system: ['system'],
};

/** The case prepared so that the transition's data preconditions hold (claim needs an unclaimed paper form). */
export function prepared(name: TransitionName, doc: CaseDoc): CaseDoc {
  if (name === 'claim') return { ...doc, source: 'paper', reporterOpenid: '', followers: [], intakeByOpenid: 'o-deputy' };
  return doc;
}

/** A valid command taking the edge (rate picks solved by where the edge goes). */
export function commandFor(name: TransitionName, edge?: TransitionEdge): CaseCommand {
  switch (name) {
    case 'assign':
      return { type: 'assign', handler: { studioId: 'studio-1', deputyOpenid: 'o-deputy', deputyName: '李代表' } };
    case 'refuse':
      return { type: 'refuse', reason: '不属于工作室受理范围' };
    case 'start':
      return { type: 'start' };
    case 'reply':
      return { type: 'reply', text: '已联系物业，路灯明天更换。', photos: ['cloud://env/reply-1.jpg'] };
    case 'transfer':
      return { type: 'transfer', handler: { studioId: 'studio-2', deputyOpenid: 'o-deputy-9', deputyName: '吴代表' }, reason: '属于相邻社区' };
    case 'extend':
      return { type: 'extend', reason: '需要协调供电公司', days: 2 };
    case 'rate':
      return { type: 'rate', attitude: 4, solved: edge?.to === 'assigned' ? 'no' : 'yes' };
    case 'co_rate':
      return { type: 'co_rate', attitude: 3, solved: 'partly' };
    case 'close':
      return { type: 'close' };
    case 'claim':
      return { type: 'claim', receiptNo: RECEIPT };
    case 'join':
      return { type: 'join' };
    case 'note':
      return { type: 'note', text: '已电话联系物业经理' };
  }
}

/** Among these actors, the first allowed by the given relations. */
export function firstAllowed(who: readonly Relation[], order: readonly ActorKey[] = ACTOR_KEYS): ActorKey {
  const key = order.find((candidate) => DECLARED_RELATIONS[candidate].some((relation) => who.includes(relation)));
  if (!key) throw new Error(`no fixture actor holds any of ${who.join(', ')}`);
  return key;
}

/** An audit event of case-1. */
export function event(fields: Partial<CaseEventDoc> & Pick<CaseEventDoc, '_id' | 'type' | 'byOpenid' | 'byRole'>): CaseEventDoc {
  return { caseId: 'case-1', internal: false, at: NOW, ...fields };
}

/** The AppError code thrown by fn, or 'ok' when it returns. */
export function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** The AppError thrown by fn (fails the test when fn returns or throws something else). */
export function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
