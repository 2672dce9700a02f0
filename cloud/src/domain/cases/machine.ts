/**
 * The one case state machine: applyTransition checks who may do what from which state, validates the command and
 * computes the next document plus its audit event. Pure: the caller persists `next` with a conditional update on
 * transitionGuard(old) and appends `event`; if the update matches nothing, someone else won — reload and retry.
 */
import { addWorkingDays, chinaDate, DAY_MS, type WorkCalendar } from '../../../../src/shared/calendar';
import { findCategory, type CaseCategory } from '../../../../src/shared/cases/categories';
import { CaseErrors } from '../../../../src/shared/cases/errors';
import type { CaseDoc, CaseEventDoc, CaseHandler, CaseState, Solved } from '../../../../src/shared/cases/model';
import { hasRatedThisReply, relationsOf, type Actor } from '../../../../src/shared/cases/relations';
import {
  AUTO_CLOSE_DAYS,
  STATE_LABELS,
  TRANSITIONS,
  edgeAllows,
  edgesFrom,
  type Relation,
  type TransitionEdge,
  type TransitionName,
} from '../../../../src/shared/cases/states';
import { AppError, forbidden } from '../../../../src/shared/errors';
import { TEXT_LIMITS, invalidInput, requireHandler, requireInt, requirePhotos, requireText } from './input';
import { normalizeReceipt } from './receipt';

export type { Actor } from '../../../../src/shared/cases/relations';

/** What a transition needs from the world: the time, the working-day calendar and the (admin-edited) categories. */
export interface CaseEnv {
  now: number;
  calendar: WorkCalendar;
  categories: readonly CaseCategory[];
  /** Days a reply waits for a rating before the timer may archive it (default AUTO_CLOSE_DAYS). */
  autoCloseDays?: number;
}

export type CaseCommand =
  | { type: 'assign'; handler: CaseHandler }
  | { type: 'refuse'; reason: string }
  | { type: 'start' }
  | { type: 'reply'; text: string; photos?: string[] }
  | { type: 'transfer'; handler: CaseHandler; reason: string }
  | { type: 'extend'; reason: string; days: number }
  | { type: 'rate'; attitude: number; solved: Solved }
  | { type: 'co_rate'; attitude: number; solved: Solved }
  | { type: 'close' }
  | { type: 'claim'; receiptNo: string }
  | { type: 'join' }
  | { type: 'note'; text: string };

export type NewCaseEvent = Omit<CaseEventDoc, '_id'>;

export interface TransitionResult {
  next: CaseDoc;
  event: NewCaseEvent;
}

/** The filter a caller's update must match: the case as it was read, so two concurrent transitions cannot both win. */
export function transitionGuard(caseDoc: Pick<CaseDoc, '_id' | 'version'>): { _id: string; version: number } {
  return { _id: caseDoc._id, version: caseDoc.version };
}

/** CASE.INVALID_TRANSITION with the message people see, e.g. 当前状态为“已答复”，不能批办. */
export function invalidTransition(state: CaseState, name: TransitionName, why?: string): AppError {
  const message = why ?? `当前状态为“${STATE_LABELS[state]}”，不能${TRANSITIONS[name].label}`;
  return new AppError(CaseErrors.INVALID_TRANSITION, message, { state, transition: name });
}

/** The role recorded on the audit event, from the relation the actor used. */
export function roleOf(relation: Relation): string {
  if (relation === 'handler' || relation === 'studio_deputy') return 'deputy';
  if (relation === 'admin' || relation === 'system') return relation;
  return 'resident';
}

/** Fields a transition may remove (only optional ones, so a document never loses a required field). */
type ClearableKey = { [K in keyof CaseDoc]-?: undefined extends CaseDoc[K] ? K : never }[keyof CaseDoc];

/** What one transition changes: fields to set, fields to clear, and what the audit event records. */
interface Effect {
  set?: Partial<CaseDoc>;
  clear?: readonly ClearableKey[];
  eventType?: string;
  note?: string;
  internal?: boolean;
  data?: Record<string, unknown>;
}

interface Context {
  doc: CaseDoc;
  actor: Actor;
  relations: Relation[];
  env: CaseEnv;
  today: string;
}


/**
 * Applies the command for the actor, or throws AppError: AUTH.FORBIDDEN (relation not allowed), CASE.INVALID_TRANSITION
 * (not from this state), INPUT.INVALID, CASE.EXTENSION_LATE / EXTENSION_USED, CASE.ALREADY_CLAIMED / ALREADY_FOLLOWING.
 */
export function applyTransition(caseDoc: CaseDoc, command: CaseCommand, actor: Actor, env: CaseEnv): TransitionResult {
  const name = command.type;
  // Commands arrive from clients: an unknown name must not reach the table lookup.
  if (!Object.prototype.hasOwnProperty.call(TRANSITIONS, name)) throw invalidInput('type', '未知的操作');
  const spec = TRANSITIONS[name];
  const relations = relationsOf(caseDoc, actor);
  // Someone who could never take this transition learns nothing about the state.
  if (!spec.edges.some((edge) => edgeAllows(edge, relations))) throw forbidden(`你不能对这件意见进行“${spec.label}”操作`);
  const edge = chooseEdge(command, edgesFrom(name, caseDoc.state));
  if (!edge) throw invalidTransition(caseDoc.state, name);
  const relation = edge.who.find((who) => relations.includes(who));
  if (!relation) throw forbidden(`当前状态下你不能对这件意见进行“${spec.label}”操作`);

  const ctx: Context = { doc: caseDoc, actor, relations, env, today: chinaDate(env.now) };
  const effect = effectOf(command, ctx);
  const to = edge.to === 'same' ? caseDoc.state : edge.to;
  const next = withChanges(caseDoc, { ...effect.set, state: to, version: caseDoc.version + 1, updatedAt: env.now }, effect.clear);
  const event: NewCaseEvent = {
    caseId: caseDoc._id,
    type: effect.eventType ?? name,
    from: caseDoc.state,
    to,
    byOpenid: actor.openid,
    byName: actor.name,
    byRole: roleOf(relation),
    internal: effect.internal ?? false,
    at: env.now,
    ...(effect.note !== undefined ? { note: effect.note } : {}),
    ...(effect.data !== undefined ? { data: effect.data } : {}),
  };
  return { next, event };
}

/** The edge the command takes from the current state: rating "not solved" reopens, every other command has one. */
function chooseEdge(command: CaseCommand, edges: TransitionEdge[]): TransitionEdge | undefined {
  if (command.type === 'rate') return edges.find((edge) => (edge.to === 'assigned') === (command.solved === 'no'));
  return edges[0];
}

/** A copy of the case with `set` applied and `clear` fields removed (absent, not undefined: see caseChanges). */
export function withChanges(doc: CaseDoc, set: Partial<CaseDoc>, clear: readonly ClearableKey[] = []): CaseDoc {
  const next: CaseDoc = { ...doc, ...set };
  for (const key of clear) delete next[key];
  return next;
}

/**
 * The update that turns `prev` into `next`: fields to $set and fields to remove. Callers need the removals explicitly:
 * a merge update silently keeps a field that is merely missing from the new document.
 */
export function caseChanges(prev: CaseDoc, next: CaseDoc): { set: Record<string, unknown>; unset: string[] } {
  const set: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)]);
  const unset: string[] = [];
  for (const key of keys) {
    const before: unknown = Reflect.get(prev, key);
    const after: unknown = Reflect.get(next, key);
    if (after === undefined) {
      if (before !== undefined) unset.push(key);
    } else if (JSON.stringify(before) !== JSON.stringify(after)) {
      set[key] = after;
    }
  }
  return { set, unset };
}

function effectOf(command: CaseCommand, ctx: Context): Effect {
  switch (command.type) {
    case 'assign':
      return assign(ctx, command.handler);
    case 'refuse': {
      const reason = requireText(command.reason, 'reason', '不予受理的理由', TEXT_LIMITS.reason);
      return { set: { refusal: { reason, at: ctx.env.now, byOpenid: ctx.actor.openid } }, note: reason };
    }
    case 'start':
      return start(ctx);
    case 'reply':
      return reply(ctx, command.text, command.photos);
    case 'transfer':
      return transfer(ctx, command.handler, command.reason);
    case 'extend':
      return extend(ctx, command.reason, command.days);
    case 'rate':
      return rate(ctx, command.attitude, command.solved);
    case 'co_rate':
      return coRate(ctx, command.attitude, command.solved);
    case 'close':
      return close(ctx);
    case 'claim':
      return claim(ctx, command.receiptNo);
    case 'join':
      return join(ctx);
    case 'note':
      return { note: requireText(command.text, 'text', '备注', TEXT_LIMITS.note), internal: true };
    default:
      return unknownCommand(command);
  }
}

function unknownCommand(_command: never): never {
  throw invalidInput('type', '未知的操作');
}

/** The working-day limit of the case's category in the (admin-edited) list given. */
function categoryLimit(ctx: Context): number {
  const category = findCategory(ctx.env.categories, ctx.doc.category);
  if (!category) throw invalidInput('category', `未知的意见类别“${ctx.doc.category}”，请先在类别设置中添加`);
  if (!Number.isInteger(category.limitDays) || category.limitDays < 1) {
    throw invalidInput('category', `意见类别“${category.label}”的办理时限无效，请在类别设置中修改`);
  }
  return category.limitDays;
}

/** Working-day limit of the case: fixed at 批办, else the category's. */
function limitDaysOf(ctx: Context): number {
  return ctx.doc.limitDays ?? categoryLimit(ctx);
}

function assign(ctx: Context, rawHandler: unknown): Effect {
  const handler = requireHandler(rawHandler);
  const limitDays = categoryLimit(ctx);
  const deadline = addWorkingDays(ctx.today, limitDays, ctx.env.calendar);
  return {
    set: { handler, limitDays, assignedAt: ctx.env.now, deadline, overdue: false },
    data: { handler, deadline, limitDays },
  };
}

/** Starting a case assigned to a whole studio makes the deputy who starts it the handler. */
function start(ctx: Context): Effect {
  const handler = ctx.doc.handler;
  if (!handler || handler.deputyOpenid || !ctx.relations.includes('handler')) return {};
  const taken: CaseHandler = { studioId: handler.studioId, deputyOpenid: ctx.actor.openid, deputyName: ctx.actor.name };
  return { set: { handler: taken }, data: { handler: taken } };
}

function reply(ctx: Context, rawText: unknown, rawPhotos: unknown): Effect {
  const text = requireText(rawText, 'text', '答复内容', TEXT_LIMITS.reply);
  const photos = requirePhotos(rawPhotos);
  const { doc, env, actor } = ctx;
  const first = doc.firstRepliedAt === undefined;
  return {
    set: {
      reply: { text, photos, at: env.now, byOpenid: actor.openid, byName: actor.name },
      overdue: false,
      ...(first ? { firstRepliedAt: env.now, repliedOnTime: doc.deadline === undefined || ctx.today <= doc.deadline } : {}),
    },
    note: text,
    data: { photos: photos.length, round: doc.reopenCount + 1, ...(doc.deadline ? { deadline: doc.deadline } : {}) },
  };
}

function sameHandler(a: CaseHandler | undefined, b: CaseHandler): boolean {
  return a !== undefined && a.studioId === b.studioId && (a.deputyOpenid ?? '') === (b.deputyOpenid ?? '');
}

/** 转办 keeps the deadline; the new handler gets its own T-2 warning. */
function transfer(ctx: Context, rawHandler: unknown, rawReason: unknown): Effect {
  const handler = requireHandler(rawHandler);
  const reason = requireText(rawReason, 'reason', '转办理由', TEXT_LIMITS.reason);
  if (sameHandler(ctx.doc.handler, handler)) throw invalidInput('handler', '不能转办给当前承办人');
  return { set: { handler }, clear: ['warnedAt'], note: reason, data: { from: ctx.doc.handler, to: handler } };
}

/** One extension per case, asked on or before the deadline day, by at most the case's own limit in working days. */
function extend(ctx: Context, rawReason: unknown, rawDays: unknown): Effect {
  const { doc, env, today } = ctx;
  const reason = requireText(rawReason, 'reason', '延期理由', TEXT_LIMITS.reason);
  const limit = limitDaysOf(ctx);
  const days = requireInt(rawDays, 'days', '延期工作日数', 1, limit);
  if (doc.extension) throw new AppError(CaseErrors.EXTENSION_USED, '这件意见已经延期过一次，不能再次延期');
  if (!doc.deadline) throw invalidTransition(doc.state, 'extend', '这件意见没有办理期限，不能延期');
  if (today > doc.deadline) {
    throw new AppError(CaseErrors.EXTENSION_LATE, `办理期限 ${doc.deadline} 已过，只能在期限当天及之前申请延期`);
  }
  const to = addWorkingDays(doc.deadline, days, env.calendar);
  return {
    set: { deadline: to, extension: { reason, from: doc.deadline, to, at: env.now } },
    clear: ['warnedAt'],
    note: reason,
    data: { from: doc.deadline, to, days },
  };
}

function isSolved(value: unknown): value is Solved {
  return value === 'yes' || value === 'partly' || value === 'no';
}

/** Solved or partly: rated. Not solved: 重办 — back to the same handler with a fresh deadline. */
function rate(ctx: Context, rawAttitude: unknown, rawSolved: unknown): Effect {
  const attitude = requireInt(rawAttitude, 'attitude', '办理态度评分', 1, 5);
  if (!isSolved(rawSolved)) throw invalidInput('solved', '请选择问题是否解决');
  const { doc, env } = ctx;
  const rating = { attitude, solved: rawSolved, at: env.now };
  // Who handled the case when it was rated: the deputy's aggregate counts each rating once, for that deputy, for good.
  const rated = { attitude, solved: rawSolved, ...(doc.handler?.deputyOpenid ? { handlerOpenid: doc.handler.deputyOpenid } : {}) };
  if (rawSolved !== 'no') return { set: { rating }, data: rated };
  const deadline = addWorkingDays(ctx.today, limitDaysOf(ctx), env.calendar);
  return {
    set: { rating, reopenCount: doc.reopenCount + 1, deadline, overdue: false },
    clear: ['warnedAt', 'escalatedAt'],
    eventType: 'reopen',
    data: { ...rated, deadline },
  };
}

/**
 * A 我也遇到 co-reporter rates the reply for themselves: kept in followerRatings under their place in `followers`, one per
 * reply round. It never touches the reporter's rating nor the state, so the reporter's own 评价 or 重办 stays theirs.
 * The audit event is internal (residents do not see each other's ratings; deputies never see it, see visibility).
 */
function coRate(ctx: Context, rawAttitude: unknown, rawSolved: unknown): Effect {
  const attitude = requireInt(rawAttitude, 'attitude', '办理态度评分', 1, 5);
  if (!isSolved(rawSolved)) throw invalidInput('solved', '请选择问题是否解决');
  const { doc, env, actor } = ctx;
  if (hasRatedThisReply(doc, actor.openid)) throw invalidTransition(doc.state, 'co_rate', '你已经评价过这次答复了');
  const follower = doc.followers.indexOf(actor.openid);
  const others = (doc.followerRatings ?? []).filter((rating) => rating.follower !== follower);
  const rating = { follower, attitude, solved: rawSolved, at: env.now, round: doc.reopenCount };
  return { set: { followerRatings: [...others, rating] }, internal: true, data: { attitude, solved: rawSolved } };
}

/** Archiving: a rated case any time; a replied one only by the timer once nobody rated it for N days. */
function close(ctx: Context): Effect {
  const { doc, env } = ctx;
  const auto = doc.state === 'replied';
  if (auto) {
    const days = env.autoCloseDays ?? AUTO_CLOSE_DAYS;
    if (!doc.reply || env.now - doc.reply.at < days * DAY_MS) {
      throw invalidTransition(doc.state, 'close', `答复后满 ${days} 天未评价才能自动归档`);
    }
  }
  return { set: { closedAt: env.now }, data: { auto } };
}

/** A resident holding the receipt of an unclaimed paper form becomes its reporter. */
function claim(ctx: Context, rawReceipt: unknown): Effect {
  const { doc, actor } = ctx;
  if (doc.source !== 'paper' || doc.reporterOpenid) {
    throw new AppError(CaseErrors.ALREADY_CLAIMED, '这件意见已有提交人，不能认领');
  }
  const typed = typeof rawReceipt === 'string' ? normalizeReceipt(rawReceipt) : null;
  if (!typed || typed !== doc.receiptNo) throw invalidInput('receiptNo', '回执编号不正确');
  const followers = doc.followers.includes(actor.openid) ? doc.followers : [...doc.followers, actor.openid];
  return { set: { reporterOpenid: actor.openid, followers } };
}

/** 我也遇到: the resident follows the case and hears of every later step. */
function join(ctx: Context): Effect {
  const { doc, actor } = ctx;
  if (doc.reporterOpenid === actor.openid || doc.followers.includes(actor.openid)) {
    throw new AppError(CaseErrors.ALREADY_FOLLOWING, '你已经在关注这件意见了');
  }
  return { set: { followers: [...doc.followers, actor.openid] } };
}

