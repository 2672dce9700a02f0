/**
 * The case state machine as DATA: labels for people and the transition table (which transition leaves which state,
 * where it goes and who may take it). The client reads it to show buttons; the cloud's machine enforces it.
 */
import type { CaseState } from './model';

export const CASE_STATES: readonly CaseState[] = Object.freeze([
  'submitted',
  'assigned',
  'in_progress',
  'replied',
  'rated',
  'closed',
  'refused',
]);

export const STATE_LABELS: Readonly<Record<CaseState, string>> = Object.freeze({
  submitted: '已提交',
  assigned: '已批办',
  in_progress: '办理中',
  replied: '已答复',
  rated: '已评价',
  closed: '已归档',
  refused: '不予受理',
});

/** Still open (我也遇到 can join, residents are waiting for an outcome). */
export const OPEN_STATES: readonly CaseState[] = Object.freeze(['submitted', 'assigned', 'in_progress', 'replied']);

/** The 限时办结 clock runs: assigned to someone and not yet replied. */
export const HANDLING_STATES: readonly CaseState[] = Object.freeze(['assigned', 'in_progress']);

/** A replied case nobody rated is archived by the timer after this many days. */
export const AUTO_CLOSE_DAYS = 7;

/** The handler is warned this many working days before the deadline. */
export const WARN_WORKING_DAYS = 2;

/**
 * How an actor stands to a case: 'reporter' (who submitted or claimed it), 'follower' (a 我也遇到 co-reporter: follows the
 * case, reads its public summary, rates only for themselves), 'handler' (the assigned deputy, or any
 * deputy of the studio when assigned to the studio as a whole), 'studio_deputy' (a deputy of the case's or the handling
 * studio), 'admin' (its scope contains the case's orgPath), 'system' (timer), 'signed_in' (any signed-in person).
 */
export type Relation = 'reporter' | 'follower' | 'handler' | 'studio_deputy' | 'admin' | 'system' | 'signed_in';

export const RELATIONS: readonly Relation[] = Object.freeze([
  'reporter',
  'follower',
  'handler',
  'studio_deputy',
  'admin',
  'system',
  'signed_in',
]);

export const TRANSITION_NAMES = [
  'assign',
  'refuse',
  'start',
  'reply',
  'transfer',
  'extend',
  'rate',
  'co_rate',
  'close',
  'claim',
  'join',
  'note',
] as const;

export type TransitionName = (typeof TRANSITION_NAMES)[number];

/** One way a transition can go: from any of `from` to `to` ('same': the state does not change), by any of `who`. */
export interface TransitionEdge {
  from: readonly CaseState[];
  to: CaseState | 'same';
  who: readonly Relation[];
  /** Extra condition, for people. */
  when?: string;
}

export interface TransitionSpec {
  /** Button / timeline label. */
  label: string;
  edges: readonly TransitionEdge[];
}

export const TRANSITIONS: Readonly<Record<TransitionName, TransitionSpec>> = Object.freeze({
  assign: { label: '批办', edges: [{ from: ['submitted'], to: 'assigned', who: ['admin'] }] },
  refuse: {
    label: '不予受理',
    edges: [{ from: ['submitted', 'assigned'], to: 'refused', who: ['admin'], when: '须说明理由' }],
  },
  start: { label: '开始办理', edges: [{ from: ['assigned'], to: 'in_progress', who: ['handler', 'admin'] }] },
  reply: { label: '答复', edges: [{ from: ['assigned', 'in_progress'], to: 'replied', who: ['handler', 'admin'] }] },
  transfer: {
    label: '转办',
    edges: [{ from: ['assigned', 'in_progress'], to: 'assigned', who: ['handler', 'admin'], when: '须说明理由，期限不变' }],
  },
  extend: {
    label: '申请延期',
    edges: [{ from: ['assigned', 'in_progress'], to: 'same', who: ['handler'], when: '期限当天及之前，每件一次，须说明理由' }],
  },
  rate: {
    label: '评价',
    edges: [
      { from: ['replied'], to: 'rated', who: ['reporter'], when: '问题已解决或部分解决' },
      { from: ['replied'], to: 'assigned', who: ['reporter'], when: '问题未解决：重办，原承办人，重新计算期限' },
    ],
  },
  // A co-reporter's rating is their own: kept apart from the reporter's, it never moves the case nor decides its outcome.
  co_rate: {
    label: '评价',
    edges: [{ from: ['replied', 'rated'], to: 'same', who: ['follower'], when: '我也遇到的居民，每次答复评价一次，只记在自己名下' }],
  },
  close: {
    label: '归档',
    edges: [
      { from: ['rated'], to: 'closed', who: ['admin', 'system'] },
      { from: ['replied'], to: 'closed', who: ['system'], when: `答复后 ${AUTO_CLOSE_DAYS} 天未评价` },
    ],
  },
  claim: {
    label: '认领',
    edges: [{ from: CASE_STATES, to: 'same', who: ['signed_in'], when: '纸质意见表，凭回执编号，尚未被认领' }],
  },
  join: { label: '我也遇到', edges: [{ from: OPEN_STATES, to: 'same', who: ['signed_in'] }] },
  note: { label: '内部备注', edges: [{ from: CASE_STATES, to: 'same', who: ['handler', 'studio_deputy', 'admin'] }] },
});

/** The edges of a transition that leave the state (empty: the transition is illegal there). */
export function edgesFrom(name: TransitionName, state: CaseState): TransitionEdge[] {
  return TRANSITIONS[name].edges.filter((edge) => edge.from.includes(state));
}

/** Whether any of the relations may take the edge. */
export function edgeAllows(edge: TransitionEdge, relations: readonly Relation[]): boolean {
  return edge.who.some((relation) => relations.includes(relation));
}

/** Transitions someone with these relations may try from the state (which buttons to show), in table order. */
export function availableTransitions(state: CaseState, relations: readonly Relation[]): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => edgesFrom(name, state).some((edge) => edgeAllows(edge, relations)));
}
