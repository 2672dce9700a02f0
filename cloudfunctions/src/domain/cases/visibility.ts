/**
 * What each viewer sees of a case. Residents (reporter, 我也遇到 followers) never see internal notes nor anyone else's
 * openid; deputies never see who rated, nor the reporter's contact or identity unless the resident allowed it; staff see
 * phones masked unless the caller asks to reveal (and audits that read with contactReadEvent). Views are built from an
 * allow-list of fields, so a field added to CaseDoc stays private until someone decides who may see it.
 */
import type { CaseEventView, CaseView, SimilarSummary, ViewerRole } from '../../../../src/shared/cases/views';
import { STAFF_ONLY_NOTES, type CaseContact, type CaseDoc, type CaseEventDoc, type CaseHandler } from '../../../../src/shared/cases/model';
import { relationsOf, type ActorRoles } from '../../../../src/shared/cases/relations';
import { STATE_LABELS } from '../../../../src/shared/cases/states';
import { forbidden } from '../../../../src/shared/errors';
import { maskPhone } from '../../../../src/shared/privacy';
import type { NewCaseEvent } from './machine';

export interface Viewer {
  openid: string;
  roles: ActorRoles;
  /** Staff asking for the unmasked phone to call back; honoured only where contact is visible at all. */
  revealContact?: boolean;
}

/** How the viewer reads the case (admin in scope, then deputy, then reporter/follower), or undefined: not at all. */
export function viewerRole(caseDoc: CaseDoc, viewer: Viewer): ViewerRole | undefined {
  const relations = relationsOf(caseDoc, viewer);
  if (relations.includes('admin')) return 'admin';
  if (relations.includes('handler') || relations.includes('studio_deputy')) return 'deputy';
  if (relations.includes('reporter')) return 'resident';
  return undefined;
}

/** Whether the viewer may read the case at all: not another resident's case, not another studio's. */
export function canRead(caseDoc: CaseDoc, viewer: Viewer): boolean {
  return viewerRole(caseDoc, viewer) !== undefined;
}

/** The case as the viewer may see it; AUTH.FORBIDDEN when canRead is false. */
export function viewCase(caseDoc: CaseDoc, events: readonly CaseEventDoc[], viewer: Viewer): CaseView {
  const as = viewerRole(caseDoc, viewer);
  if (!as) throw forbidden('你不能查看这件意见');
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
    ...optional('rating', caseDoc.rating),
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

function replyFor(reply: NonNullable<CaseDoc['reply']>, staff: boolean): NonNullable<CaseView['reply']> {
  const { text, photos, at, byName, byOpenid } = reply;
  return { text, photos, at, byName, ...(staff ? { byOpenid } : {}) };
}

function refusalFor(refusal: NonNullable<CaseDoc['refusal']>, staff: boolean): NonNullable<CaseView['refusal']> {
  const { reason, at, byOpenid } = refusal;
  return { reason, at, ...(staff ? { byOpenid } : {}) };
}

function contactFor(
  caseDoc: CaseDoc,
  as: ViewerRole,
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

// Events that carry a resident's judgement: the handling deputy never learns whose it was.
const RATING_EVENTS = new Set(['rate', 'reopen']);

/** The event as the viewer may see it: [] when hidden entirely. */
function eventFor(event: CaseEventDoc, caseDoc: CaseDoc, as: ViewerRole, viewerOpenid: string): CaseEventView[] {
  const mine = event.byOpenid === viewerOpenid;
  if (as !== 'admin' && event.type === 'read_contact') return [];
  if (as === 'resident' && event.internal) return [];
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
    ...optional('data', event.data && (as === 'resident' ? stripOpenids(event.data) : event.data)),
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

function showActor(event: CaseEventDoc, caseDoc: CaseDoc, as: ViewerRole, mine: boolean): boolean {
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

export type { CaseEventView, CaseView, SimilarSummary, ViewerRole };
