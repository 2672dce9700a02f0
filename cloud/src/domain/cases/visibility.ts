/**
 * What each viewer sees of a case. The reporter never sees internal notes nor anyone else's openid; a 我也遇到
 * co-reporter reads only the public summary (followerView: never the reporter's words, photos, place, contact, receipt
 * or steps); deputies never see a rating nor who rated (only aggregates over enough cases, see ratings.ts), nor the
 * reporter's contact or identity unless the resident allowed it; staff see phones masked unless the caller asks to
 * reveal (and audits that read with contactReadEvent). Views are built from an allow-list of fields, so a field added
 * to CaseDoc stays private until someone decides who may see it.
 */
import type {
  CaseEventView,
  CaseView,
  FollowerCaseView,
  FullCaseView,
  SimilarSummary,
  ViewerRole,
} from '../../../../src/shared/cases/views';
import { STAFF_ONLY_NOTES, type CaseContact, type CaseDoc, type CaseEventDoc, type CaseHandler } from '../../../../src/shared/cases/model';
import { relationsOf, type ActorRoles } from '../../../../src/shared/cases/relations';
import { STATE_LABELS } from '../../../../src/shared/cases/states';
import { CaseErrors } from '../../../../src/shared/cases/errors';
import { AppError, forbidden } from '../../../../src/shared/errors';
import { maskPhone } from '../../../../src/shared/privacy';
import type { NewCaseEvent } from './machine';

export interface Viewer {
  openid: string;
  roles: ActorRoles;
  /** Staff asking for the unmasked phone to call back; honoured only where contact is visible at all. */
  revealContact?: boolean;
}

/** How the viewer reads the case (admin in scope, then deputy, then reporter, then follower), or undefined: not at all. */
export function viewerRole(caseDoc: CaseDoc, viewer: Viewer): ViewerRole | undefined {
  const relations = relationsOf(caseDoc, viewer);
  if (relations.includes('admin')) return 'admin';
  if (relations.includes('handler') || relations.includes('studio_deputy')) return 'deputy';
  if (relations.includes('reporter')) return 'resident';
  if (relations.includes('follower')) return 'follower';
  return undefined;
}

/**
 * What anyone who may not read a case is told, word for word what an unknown id answers (store.ts loadCase): whether
 * someone else's case exists is not for them to learn.
 */
export function caseNotFound(): AppError {
  return new AppError(CaseErrors.NOT_FOUND, '没有找到这件意见');
}

/** Whether the viewer may read the case at all: not another resident's case, not another studio's. */
export function canRead(caseDoc: CaseDoc, viewer: Viewer): boolean {
  return viewerRole(caseDoc, viewer) !== undefined;
}

/** The case as the viewer may see it; AUTH.FORBIDDEN when canRead is false. */
export function viewCase(caseDoc: CaseDoc, events: readonly CaseEventDoc[], viewer: Viewer): CaseView {
  const as = viewerRole(caseDoc, viewer);
  if (!as) throw forbidden('你不能查看这件意见');
  if (as === 'follower') return followerView(caseDoc, events, viewer.openid);
  const isReporter = !!caseDoc.reporterOpenid && caseDoc.reporterOpenid === viewer.openid;
  const contactHidden = as === 'deputy' && !caseDoc.contactVisibleToDeputy;
  const staff = as !== 'resident';
  const contact = contactFor(caseDoc, as, isReporter, viewer.revealContact === true);
  const showReporter = as === 'admin' || (as === 'deputy' && !contactHidden);
  return {
    as,
    _id: caseDoc._id,
    receiptNo: caseDoc.receiptNo,
    source: caseDoc.source,
    studioId: caseDoc.studioId,
    ...optional('servicePointId', caseDoc.servicePointId),
    category: caseDoc.category,
    title: caseDoc.title,
    content: caseDoc.content,
    photos: caseDoc.photos,
    ...optional('location', caseDoc.location),
    state: caseDoc.state,
    stateLabel: STATE_LABELS[caseDoc.state],
    ...optional('handler', caseDoc.handler && (staff ? caseDoc.handler : withoutOpenid(caseDoc.handler))),
    ...optional('limitDays', caseDoc.limitDays),
    ...optional('assignedAt', caseDoc.assignedAt),
    ...optional('deadline', caseDoc.deadline),
    ...optional('extension', caseDoc.extension),
    overdue: caseDoc.overdue,
    ...optional('escalatedAt', caseDoc.escalatedAt),
    ...optional('reply', caseDoc.reply && replyFor(caseDoc.reply, staff)),
    ...optional('firstRepliedAt', caseDoc.firstRepliedAt),
    ...optional('repliedOnTime', caseDoc.repliedOnTime),
    // The handling deputy would know whose rating it is (often one reporter): deputies see ratings only in aggregate.
    ...optional('rating', as === 'deputy' ? undefined : caseDoc.rating),
    ...optional('followerRatings', as === 'admin' ? caseDoc.followerRatings?.map(({ follower: _, ...rating }) => rating) : undefined),
    ...optional('refusal', caseDoc.refusal && refusalFor(caseDoc.refusal, staff)),
    reopenCount: caseDoc.reopenCount,
    ...optional('closedAt', caseDoc.closedAt),
    createdAt: caseDoc.createdAt,
    updatedAt: caseDoc.updatedAt,
    version: caseDoc.version,
    followerCount: followerCount(caseDoc),
    isReporter,
    isFollower: isReporter || caseDoc.followers.includes(viewer.openid),
    ...(showReporter && caseDoc.reporterOpenid ? { reporterOpenid: caseDoc.reporterOpenid } : {}),
    ...(as === 'admin' ? { followers: caseDoc.followers } : {}),
    ...(staff ? { orgPath: caseDoc.orgPath } : {}),
    ...optional('intakeByOpenid', staff ? caseDoc.intakeByOpenid : undefined),
    ...optional('warnedAt', staff ? caseDoc.warnedAt : undefined),
    ...optional('contact', contact.value),
    contactHidden,
    contactRevealed: contact.revealed,
    events: events
      .filter((event) => event.caseId === caseDoc._id)
      .flatMap((event) => eventFor(event, caseDoc, as, viewer.openid))
      .sort((a, b) => a.at - b.at),
  };
}

/** The audit line for staff reading the unmasked contact (append it whenever viewCase says contactRevealed). */
export function contactReadEvent(caseDoc: CaseDoc, viewer: Viewer & { name?: string }, now: number): NewCaseEvent {
  const as = viewerRole(caseDoc, viewer);
  return {
    caseId: caseDoc._id,
    type: 'read_contact',
    from: caseDoc.state,
    to: caseDoc.state,
    byOpenid: viewer.openid,
    ...(viewer.name ? { byName: viewer.name } : {}),
    byRole: as === 'admin' ? 'admin' : 'deputy',
    note: '查看联系方式',
    internal: true,
    at: now,
  };
}

/**
 * A 我也遇到 co-reporter's view, field by field from an allow-list: what the case is about in public words, where it
 * stands, the reply's text, the public steps, and their own rating. Nothing the reporter wrote beyond the title.
 */
function followerView(caseDoc: CaseDoc, events: readonly CaseEventDoc[], openid: string): FollowerCaseView {
  const follower = caseDoc.followers.indexOf(openid);
  const mine = (caseDoc.followerRatings ?? []).find((rating) => rating.follower === follower);
  return {
    as: 'follower',
    _id: caseDoc._id,
    studioId: caseDoc.studioId,
    category: caseDoc.category,
    title: caseDoc.title,
    state: caseDoc.state,
    stateLabel: STATE_LABELS[caseDoc.state],
    ...optional('handler', caseDoc.handler && withoutOpenid(caseDoc.handler)),
    ...optional('deadline', caseDoc.deadline),
    overdue: caseDoc.overdue,
    ...optional('reply', caseDoc.reply && { text: caseDoc.reply.text, at: caseDoc.reply.at, byName: caseDoc.reply.byName }),
    ...optional('refusal', caseDoc.refusal && { reason: caseDoc.refusal.reason, at: caseDoc.refusal.at }),
    ...optional('myRating', mine && { attitude: mine.attitude, solved: mine.solved, at: mine.at }),
    ...optional('closedAt', caseDoc.closedAt),
    createdAt: caseDoc.createdAt,
    updatedAt: caseDoc.updatedAt,
    followerCount: followerCount(caseDoc),
    isReporter: false,
    isFollower: true,
    events: events
      .filter((event) => event.caseId === caseDoc._id)
      .flatMap((event) => followerEvent(event, openid))
      .sort((a, b) => a.at - b.at),
  };
}

// Steps a co-reporter hears of (the notices' list): staff steps and the state changes of the reporter's rating.
const PUBLIC_STEPS = new Set(['assign', 'refuse', 'start', 'reply', 'transfer', 'extend', 'rate', 'reopen', 'close']);
// Texts written for residents to read: the reply and the refusal's reason (reasons for colleagues stay with staff).
const PUBLIC_NOTES = new Set(['reply', 'refuse']);

/** A step as a co-reporter may see it: their own (join, their rating), or a public step without residents' words. */
function followerEvent(event: CaseEventDoc, openid: string): CaseEventView[] {
  const base = { _id: event._id, type: event.type, ...optional('from', event.from), ...optional('to', event.to), byRole: event.byRole, at: event.at };
  if (event.byOpenid === openid) {
    if (event.type !== 'join' && event.type !== 'co_rate') return [];
    return [{ ...base, mine: true, internal: false, ...optional('data', event.type === 'co_rate' ? ratingData(event.data) : undefined) }];
  }
  if (event.internal || !PUBLIC_STEPS.has(event.type)) return [];
  const staff = event.byRole === 'deputy' || event.byRole === 'admin';
  return [
    {
      ...base,
      mine: false,
      internal: false,
      ...optional('byName', staff ? event.byName : undefined),
      ...optional('note', PUBLIC_NOTES.has(event.type) ? event.note : undefined),
      ...optional('data', event.data && publicData(event.type, event.data)),
    },
  ];
}

/** The parts of a step's data a co-reporter may read (handlers without openids, dates), by step. */
function publicData(type: string, data: Record<string, unknown>): Record<string, unknown> | undefined {
  const handler = (value: unknown) => (isHandler(value) ? { handler: withoutOpenid(value) } : {});
  switch (type) {
    case 'assign':
      return { ...handler(data.handler), ...pick(data, 'deadline') };
    case 'start':
      return handler(data.handler);
    case 'transfer':
      return isHandler(data.to) ? { to: withoutOpenid(data.to) } : undefined;
    case 'extend':
      return pick(data, 'to');
    case 'reopen':
      return pick(data, 'deadline');
    case 'close':
      return pick(data, 'auto');
    default:
      return undefined;
  }
}

function pick(data: Record<string, unknown>, key: string): Record<string, unknown> {
  return data[key] === undefined ? {} : { [key]: data[key] };
}

function isHandler(value: unknown): value is CaseHandler {
  return typeof value === 'object' && value !== null && typeof (value as { studioId?: unknown }).studioId === 'string';
}

function ratingData(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return data && { ...pick(data, 'attitude'), ...pick(data, 'solved') };
}

/** The public face of a case offered under 我也遇到 to someone who does not follow it. */
export function similarSummary(caseDoc: CaseDoc): SimilarSummary {
  return {
    _id: caseDoc._id,
    category: caseDoc.category,
    title: caseDoc.title,
    state: caseDoc.state,
    stateLabel: STATE_LABELS[caseDoc.state],
    followerCount: followerCount(caseDoc),
    createdAt: caseDoc.createdAt,
  };
}

/** `{ key: value }` when the value is present, else nothing (views never carry undefined fields). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  const out: { [P in K]?: V } = {};
  if (value !== undefined) out[key] = value;
  return out;
}

function followerCount(caseDoc: CaseDoc): number {
  return new Set([...(caseDoc.reporterOpenid ? [caseDoc.reporterOpenid] : []), ...caseDoc.followers]).size;
}

function withoutOpenid(handler: CaseHandler): CaseHandler {
  return { studioId: handler.studioId, ...optional('deputyName', handler.deputyName) };
}

function replyFor(reply: NonNullable<CaseDoc['reply']>, staff: boolean): NonNullable<FullCaseView['reply']> {
  const { text, photos, at, byName, byOpenid } = reply;
  return { text, photos, at, byName, ...(staff ? { byOpenid } : {}) };
}

function refusalFor(refusal: NonNullable<CaseDoc['refusal']>, staff: boolean): NonNullable<FullCaseView['refusal']> {
  const { reason, at, byOpenid } = refusal;
  return { reason, at, ...(staff ? { byOpenid } : {}) };
}

function contactFor(
  caseDoc: CaseDoc,
  as: StaffOrReporter,
  isReporter: boolean,
  reveal: boolean,
): { value?: CaseContact; revealed: boolean } {
  const contact = caseDoc.contact;
  if (!contact || (!contact.name && !contact.phone)) return { revealed: false };
  if (as === 'resident') {
    if (!isReporter) return { revealed: false };
    // Whoever claimed a paper form proved a receipt, not the phone written on it: they see it masked.
    const shown = caseDoc.source === 'paper' && contact.phone ? { ...contact, phone: maskPhone(contact.phone) } : { ...contact };
    return { value: shown, revealed: false };
  }
  if (as === 'deputy' && !caseDoc.contactVisibleToDeputy) return { revealed: false };
  const phone = contact.phone;
  const revealed = reveal && !!phone;
  return {
    value: { ...optional('name', contact.name), ...optional('phone', phone && (revealed ? phone : maskPhone(phone))) },
    revealed,
  };
}

type StaffOrReporter = FullCaseView['as'];

// Events that carry a resident's judgement: the handling deputy never learns whose it was, nor what it said.
const RATING_EVENTS = new Set(['rate', 'reopen', 'co_rate']);

/** The event as the viewer may see it: [] when hidden entirely. */
function eventFor(event: CaseEventDoc, caseDoc: CaseDoc, as: StaffOrReporter, viewerOpenid: string): CaseEventView[] {
  const mine = event.byOpenid === viewerOpenid;
  if (as !== 'admin' && event.type === 'read_contact') return [];
  if (as === 'resident' && event.internal) return [];
  // A co-reporter's rating changes nothing a deputy acts on; its mere presence would tell him someone just rated.
  if (as === 'deputy' && event.type === 'co_rate') return [];
  const view: CaseEventView = {
    _id: event._id,
    type: event.type,
    ...optional('from', event.from),
    ...optional('to', event.to),
    byRole: event.byRole,
    mine,
    ...optional('note', as === 'resident' && STAFF_ONLY_NOTES.has(event.type) ? undefined : event.note),
    internal: event.internal,
    at: event.at,
    ...optional('data', event.data && dataFor(event.type, event.data, as)),
  };
  if (showActor(event, caseDoc, as, mine)) {
    view.byOpenid = event.byOpenid;
    if (event.byName !== undefined) view.byName = event.byName;
  } else if (as === 'resident' && event.byRole !== 'resident' && event.byName !== undefined) {
    // Residents may know which deputy or office acted, just not their openid.
    view.byName = event.byName;
  }
  return [view];
}

/** Event data for a full view: residents without openids; deputies without the stars and answer of a rating. */
function dataFor(type: string, data: Record<string, unknown>, as: StaffOrReporter): Record<string, unknown> | undefined {
  if (as === 'resident') return stripOpenids(data);
  if (as === 'deputy' && RATING_EVENTS.has(type)) return type === 'reopen' ? pick(data, 'deadline') : undefined;
  return data;
}

function showActor(event: CaseEventDoc, caseDoc: CaseDoc, as: StaffOrReporter, mine: boolean): boolean {
  if (as === 'admin') return true;
  if (as === 'resident') return mine;
  if (event.byRole !== 'resident') return true;
  if (RATING_EVENTS.has(event.type)) return false;
  return caseDoc.contactVisibleToDeputy && event.byOpenid === caseDoc.reporterOpenid;
}

/** A copy without any key naming an openid, at any depth (event data for residents). */
function stripOpenids(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (/openid/i.test(key)) continue;
    out[key] = stripValue(value);
  }
  return out;
}

function stripValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripValue);
  if (value !== null && typeof value === 'object') return stripOpenids(Object.fromEntries(Object.entries(value)));
  return value;
}

export type { CaseEventView, CaseView, FollowerCaseView, FullCaseView, SimilarSummary, ViewerRole };
