/**
 * 党员名册 as stored and shown, shared by client and cloud: one entry per party member of a branch (支部), the columns
 * of the import/export table, and the vocabularies (status, 正式/预备, tags). Platform-free.
 */

/** 组织关系状态. Only 正常 and 流动党员 are current members: the others keep their history but bind nobody. */
export const ROSTER_STATUSES = ['正常', '流动党员', '停止党籍', '转出', '去世'] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];
export const ACTIVE_STATUSES: readonly RosterStatus[] = ['正常', '流动党员'];

/** 正式党员 / 预备党员. */
export const MEMBER_CATEGORIES = ['正式', '预备'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * The five categories one street sorts its members by. A node's own list (`roster_tags`, _id = org node id) replaces
 * these for everything below it: the district sets one list, a street may keep its own.
 */
export const DEFAULT_TAGS: readonly string[] = ['在职', '无职', '非公', '流动', '老弱病残'];

/** `roster`: one member of one branch. Dates are China dates 'YYYY-MM-DD'. */
export interface RosterDoc {
  _id: string;
  branchId: string;
  /** The branch's org path: "inside an admin's scope" is `orgPath` containing one of their nodes. */
  orgPath: string[];
  name: string;
  gender: Gender | '';
  /** Stored as typed (normalized); shown masked except in the export and to the one editing it. */
  phone: string;
  /** 入党日期 (政治生日). */
  joinedAt: string;
  /** 'MM-DD' of joinedAt: the daily 政治生日 query is one indexed equality. */
  joinedMonthDay: string;
  /** 转正日期; '' while 预备. */
  confirmedAt: string;
  category: MemberCategory;
  status: RosterStatus;
  tags: string[];
  /** Who this person is, for duplicates (file and roster): name + phone, or name + branch + 入党日期 without a phone. Unique. */
  key: string;
  /** The WeChat user bound to this entry (at most one); null when nobody is. */
  boundOpenid: string | null;
  boundAt: number | null;
  /** The import that created it, if any. */
  importId?: string;
  createdAt: number;
  updatedAt: number;
}

/** The identity of a member for duplicate checks: the same person imported twice, or already on the roster. */
export function rosterKey(entry: { name: string; phone: string; branchId: string; joinedAt: string }): string {
  const phone = entry.phone.replace(/\D/g, '');
  return phone ? `${entry.name}|${phone}` : `${entry.name}|${entry.branchId}|${entry.joinedAt}`;
}

/** 'MM-DD' of a 'YYYY-MM-DD' date. */
export const monthDayOf = (date: string): string => date.slice(5, 10);

/** The columns of the import template and of the export, in order: an exported file imports back unchanged. */
export const ROSTER_COLUMNS = ['姓名', '性别', '手机号', '所在支部', '入党日期', '转正日期', '党员类别', '状态', '标签'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
/** Tags inside one cell: 在职、流动. */
export const TAG_SEPARATOR = '、';

/** One roster entry as staff see it in the list (phone masked). */
export interface RosterEntryView {
  id: string;
  branchId: string;
  branchName: string;
  name: string;
  gender: Gender | '';
  phoneMasked: string;
  joinedAt: string;
  confirmedAt: string;
  category: MemberCategory;
  status: RosterStatus;
  tags: string[];
  bound: boolean;
}

/** A branch in the staff overview: how many members, how many of them reachable in WeChat. */
export interface BranchSummary {
  id: string;
  name: string;
  /** Names from the street down, for telling two 第一党支部 apart. */
  pathNames: string[];
  /** Current members (正常, 流动党员). */
  active: number;
  bound: number;
  /** Everyone on the roster, with 转出/去世/停止党籍. */
  total: number;
}
