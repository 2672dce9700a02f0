/** What client and cloud exchange about cases: per-viewer case views and staff figures. Platform-free types. */
import type { CaseContact, CaseDoc, CaseHandler, CaseState, FollowerRating } from './model';

/**
 * How a viewer relates to a case when reading it: 'resident' is the reporter (submitted or claimed it), 'follower' a
 * 我也遇到 co-reporter who reads only the public summary (FollowerCaseView).
 */
export type ViewerRole = 'resident' | 'follower' | 'deputy' | 'admin';

export interface CaseEventView {
  _id: string;
  type: string;
  from?: CaseState;
  to?: CaseState;
  byRole: string;
  /** Absent where the viewer may not know who acted. */
  byOpenid?: string;
  byName?: string;
  /** The viewer did this. */
  mine: boolean;
  note?: string;
  internal: boolean;
  at: number;
  data?: Record<string, unknown>;
}

/** The case as its reporter, its deputies and admins read it (each with fewer fields as visibility.ts decides). */
export interface FullCaseView {
  as: Exclude<ViewerRole, 'follower'>;
  _id: string;
  receiptNo: string;
  source: CaseDoc['source'];
  studioId: string;
  servicePointId?: string;
  category: string;
  title: string;
  content: string;
  photos: string[];
  location?: CaseDoc['location'];
  state: CaseState;
  stateLabel: string;
  handler?: CaseHandler;
  limitDays?: number;
  assignedAt?: number;
  deadline?: string;
  extension?: CaseDoc['extension'];
  overdue: boolean;
  escalatedAt?: number;
  reply?: { text: string; photos: string[]; at: number; byName: string; byOpenid?: string };
  firstRepliedAt?: number;
  repliedOnTime?: boolean;
  /** The reporter's rating: the reporter and admins only (the handling deputy never learns how one case was rated). */
  rating?: CaseDoc['rating'];
  /** Co-reporters' ratings, without who gave them: admins only. */
  followerRatings?: Array<Omit<FollowerRating, 'follower'>>;
  refusal?: { reason: string; at: number; byOpenid?: string };
  reopenCount: number;
  closedAt?: number;
  createdAt: number;
  updatedAt: number;
  version: number;
  followerCount: number;
  /** The viewer submitted (or claimed) the case. */
  isReporter: boolean;
  /** The viewer follows the case (reporter or 我也遇到). */
  isFollower: boolean;
  /** Staff only; for deputies only when the resident let deputies see their contact. */
  reporterOpenid?: string;
  /** Admins only. */
  followers?: string[];
  orgPath?: string[];
  intakeByOpenid?: string;
  warnedAt?: number;
  /** The reporter's own contact in full; staff: masked phone unless revealed. */
  contact?: CaseContact;
  /** The resident chose anonymity toward deputies and this viewer is a deputy. */
  contactHidden: boolean;
  /** An unmasked phone went to staff: the caller must append contactReadEvent to the audit trail. */
  contactRevealed: boolean;
  events: CaseEventView[];
}

/**
 * What a 我也遇到 co-reporter reads of someone else's case: the public summary, the reply's words, the public steps and
 * their own rating. Built from an allow-list; never the reporter's content, photos, location, contact, name, receipt
 * number or own steps. Reply photos are left out too: they are usually taken at the reporter's door.
 */
export interface FollowerCaseView {
  as: 'follower';
  _id: string;
  studioId: string;
  category: string;
  title: string;
  state: CaseState;
  stateLabel: string;
  /** The handling studio and deputy's name (a deputy is a public figure); never an openid. */
  handler?: CaseHandler;
  deadline?: string;
  overdue: boolean;
  /** The reply's words; its photos stay with the reporter (taken at their door, they would show where they live). */
  reply?: { text: string; at: number; byName: string; photos?: never; byOpenid?: never };
  refusal?: { reason: string; at: number; byOpenid?: never };
  /** The viewer's own rating of the current (or last) reply. */
  myRating?: CaseDoc['rating'];
  closedAt?: number;
  createdAt: number;
  updatedAt: number;
  followerCount: number;
  isReporter: false;
  isFollower: true;
  /** Steps that changed the state (no residents' notes, no data) and the viewer's own. */
  events: CaseEventView[];
}

/** Every field only the full view may carry, marked absent on the follower's (so a page must say which it shows). */
type NeverInFollowerView = { [K in Exclude<keyof FullCaseView, keyof FollowerCaseView>]?: never };

/** What `case.get` answers: the full view, or a co-reporter's summary (narrow on `as`). */
export type CaseView = FullCaseView | (FollowerCaseView & NeverInFollowerView);

/** A deputy's ratings, only over enough cases that no single resident's rating can be told apart. */
export interface DeputyRatingMonth {
  /** 'YYYY-MM' (China time), a finished month. */
  month: string;
  rated: number;
  /** 满意率 (solved or partly) 0..1. */
  satisfaction: number;
  /** 态度均分 1..5, one decimal. */
  attitudeAverage: number;
}

export interface DeputyRatings {
  /** The smallest number of rated cases a figure is shown for. */
  minCases: number;
  /** Finished months with at least minCases rated cases, newest first (at most 12). */
  months: DeputyRatingMonth[];
}

/** A summary of someone else's open case for the 我也遇到 offer: no content, photos or people. */
export interface SimilarSummary {
  _id: string;
  category: string;
  title: string;
  state: CaseState;
  stateLabel: string;
  followerCount: number;
  createdAt: number;
}

export interface CaseCounts {
  received: number;
  assigned: number;
  answered: number;
  assignedAnswered: number;
  onTime: number;
  open: number;
  overdueOpen: number;
  answerBase: number;
  rated: number;
  satisfied: number;
  satisfactionBase: number;
  attitudeSum: number;
}

export interface AgingBuckets {
  days0to3: number;
  days4to7: number;
  days8to15: number;
  over15: number;
}

/** Ratios 0..1, null when the denominator is 0 (no data is not 0%). */
export interface CaseRates {
  /** 响应率 */
  response: number | null;
  /** 答复率 */
  answer: number | null;
  /** 按时答复率 */
  onTime: number | null;
  /** 满意率 */
  satisfaction: number | null;
  /** 态度均分 (1..5) */
  attitudeAverage: number | null;
}

export interface MonthFigures {
  /** 'YYYY-MM' in China time. */
  month: string;
  counts: CaseCounts;
  rates: CaseRates;
}

export interface CaseFigures {
  counts: CaseCounts;
  rates: CaseRates;
  aging: AgingBuckets;
  /** Month by month, ascending (for the chart). */
  months: MonthFigures[];
  /** "收集意见征询表 X 份，批办答复 Y 件" */
  summaryLine: string;
}
