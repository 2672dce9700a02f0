/** What client and cloud exchange about cases: per-viewer case views and staff figures. Platform-free types. */
import type { CaseContact, CaseDoc, CaseHandler, CaseState } from './model';

/** How a viewer relates to a case when reading it. */
export type ViewerRole = 'resident' | 'deputy' | 'admin';

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

export interface CaseView {
  as: ViewerRole;
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
  rating?: CaseDoc['rating'];
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
