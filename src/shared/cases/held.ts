/**
 * Forms held for review: WeChat's content check answered 'review' (doubtful, e.g. a report ABOUT 刷单返利 scams), so the
 * text is kept out of sight — not public, not a case yet — until staff in scope release it (it becomes a normal case,
 * the reporter is told) or reject it with a reason. 'risky' text is refused at once, with the reason in plain words.
 * Platform-free: the cloud stores and decides, the staff page shows the same labels.
 */

export type HeldState = 'held' | 'released' | 'rejected';

export const HELD_STATE_LABELS: Record<HeldState, string> = { held: '待审核', released: '已放行', rejected: '未通过' };

/** One held form as staff in scope see it: the text to judge, never the reporter's identity or contact. */
export interface HeldItem {
  id: string;
  studioId: string;
  studioName: string;
  category: string;
  title: string;
  content: string;
  /** How many photos came with it (shown once it is a case). */
  photoCount: number;
  /** Why WeChat's check held it, in plain words. */
  reason: string;
  state: HeldState;
  createdAt: number;
  decidedAt?: number;
  decidedByName?: string;
  rejectReason?: string;
  /** Once released: its receipt number. */
  receiptNo?: string;
}

export const HeldErrors = {
  NOT_FOUND: 'HELD.NOT_FOUND',
  /** Someone already released or rejected it the other way. */
  ALREADY_DECIDED: 'HELD.ALREADY_DECIDED',
} as const;

/** WeChat's msgSecCheck labels → what the text seems to contain, in words a resident understands. */
const LABEL_REASONS: Record<number, string> = {
  10001: '像是广告或推销',
  20001: '涉及敏感的时政话题',
  20002: '含有色情内容',
  20003: '含有骂人或攻击别人的话',
  20006: '可能涉及违法犯罪内容',
  20008: '像是诈骗信息',
  20012: '含有低俗的话',
  20013: '可能涉及版权',
};

/** The plain reason for a label ('含有不适合发布的字眼' for 21000 其他 and anything unknown). */
export function labelReason(label: number): string {
  return LABEL_REASONS[label] ?? '含有不适合发布的字眼';
}
