/**
 * The 意见征询 case as stored in the `cases` collection and read by client and cloud. Platform-free.
 * Times are epoch milliseconds (numbers aggregate and index cheaply); deadlines are calendar dates 'YYYY-MM-DD' in
 * China time (UTC+8) because 限时办结 counts whole working days: a case is due by the end of that day.
 */

/** 已提交 → 已批办 → 办理中 → 已答复 → 已评价 → 已归档; refused is a terminal state reached only with a reason. */
export type CaseState = 'submitted' | 'assigned' | 'in_progress' | 'replied' | 'rated' | 'closed' | 'refused';

/** How the form reached us: a resident in WeChat, or a paper form entered at a 流动服务点 by a deputy/staff member. */
export type CaseSource = 'online' | 'paper';

/** Problem solved, in the resident's words (the second part of the two-part rating). */
export type Solved = 'yes' | 'partly' | 'no';

export interface GeoPoint {
  latitude: number;
  longitude: number;
  address?: string;
}

export interface CaseContact {
  name?: string;
  phone?: string;
}

/** Who handles the case after 批办: a deputy of a studio, or the studio as a whole. */
export interface CaseHandler {
  studioId: string;
  /** openid of the deputy; absent when assigned to the studio as a whole. */
  deputyOpenid?: string;
  deputyName?: string;
}

export interface CaseReply {
  text: string;
  /** Cloud fileIDs. */
  photos: string[];
  at: number;
  byOpenid: string;
  byName: string;
}

export interface CaseRating {
  /** 办理态度 1..5. */
  attitude: number;
  solved: Solved;
  at: number;
}

/**
 * A 我也遇到 co-reporter's own rating of a reply. Keyed by the rater's position in `followers` (append-only), never by
 * openid: the rating stays theirs without carrying who they are; it never replaces or decides the reporter's `rating`.
 */
export interface FollowerRating extends CaseRating {
  /** Index of the rater in `followers`. */
  follower: number;
  /** The reply round rated (reopenCount when rating): one rating per follower per reply. */
  round: number;
}

export interface CaseDoc {
  _id: string;
  /** Receipt number shown to the resident, e.g. LS-2026-000123 (unique). */
  receiptNo: string;
  /** Client request id of the submit call: the same id never creates a second case. */
  requestId: string;
  source: CaseSource;
  /** openid of the resident who submitted (paper intake: empty until claimed with the receipt number). */
  reporterOpenid: string;
  /** Everyone who follows the case: the reporter and the 我也遇到 co-reporters (every state change notifies all). */
  followers: string[];
  /** Paper intake: openid of the deputy/staff member who typed the form in. */
  intakeByOpenid?: string;
  studioId: string;
  servicePointId?: string;
  /** Organisation node ids from the district down to the studio's node: scope checks and roll-up figures. */
  orgPath: string[];
  /** Category key from the admin-editable category list (建议, 投诉, 求助, 咨询, 其他 by default). */
  category: string;
  title: string;
  content: string;
  /** The most distinctive words of title and content (≤ 20 CJK bigrams / latin words) for an indexed 我也遇到 `$in` query. */
  searchKeys?: string[];
  /** Cloud fileIDs, at most 9. */
  photos: string[];
  location?: GeoPoint;
  /** Optional; never required. Shown to staff only when needed to call back (and that read is audited). */
  contact?: CaseContact;
  /** The resident's choice: when false, deputies never see the contact or the reporter's name. */
  contactVisibleToDeputy: boolean;
  state: CaseState;
  handler?: CaseHandler;
  /** Working-day time limit of the category at 批办. */
  limitDays?: number;
  assignedAt?: number;
  /** Due date 'YYYY-MM-DD' (UTC+8), moved by an approved extension. */
  deadline?: string;
  /** Set once an extension was granted (one per case). */
  extension?: { reason: string; from: string; to: string; at: number };
  /** The 2-working-day warning was sent (so the timer warns once). */
  warnedAt?: number;
  /** Past the deadline without a reply (set by the timer, cleared by a reply). */
  overdue: boolean;
  /** Escalated to 督办 by the timer. */
  escalatedAt?: number;
  reply?: CaseReply;
  /** When the case was first replied (for 响应/答复 figures and on-time checks). */
  firstRepliedAt?: number;
  /** Replied on or before the deadline (set with the first reply). */
  repliedOnTime?: boolean;
  /** The reporter's rating: the case's outcome (已评价 or 重办) and the only one in the figures. */
  rating?: CaseRating;
  /** Co-reporters' ratings, each follower's latest (absent until one rates). */
  followerRatings?: FollowerRating[];
  refusal?: { reason: string; at: number; byOpenid: string };
  reopenCount: number;
  closedAt?: number;
  createdAt: number;
  updatedAt: number;
  /** Incremented by every transition; updates are conditional on state (and version) so two cannot both win. */
  version: number;
}

/** Steps whose note is written for colleagues (a 转办 reason): residents see the step, never its note. */
export const STAFF_ONLY_NOTES: ReadonlySet<string> = new Set(['transfer']);

/** One line of the append-only audit trail (`case_events`): every transition and every staff read of contact details. */
export interface CaseEventDoc {
  _id: string;
  caseId: string;
  /** Transition name (submit, assign, start, reply, rate, close, transfer, extend, reopen, refuse, join, claim, note,
   * warn, overdue, escalate) or 'read_contact'. */
  type: string;
  from?: CaseState;
  to?: CaseState;
  byOpenid: string;
  /** The actor's display name when acting (timeline text); views drop it wherever they drop byOpenid. */
  byName?: string;
  /** The actor's role when acting (resident, deputy, admin, system). */
  byRole: string;
  note?: string;
  /** Internal notes are never shown to the resident. */
  internal: boolean;
  at: number;
  /** Only what the event changed, e.g. { deputyOpenid, deadline } for assign. */
  data?: Record<string, unknown>;
}
