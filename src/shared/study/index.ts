/**
 * 学习: articles staff push to branches (or publish for everyone), members' read receipts, and the aggregate figures
 * staff see. Platform-free, shared by client and cloud.
 *
 * Targeting is fan-out on read, like the push engine's broadcasts: an article stores the keys of its audience
 * (`targets`), a reader asks for the keys they answer to — 'public', `org:<node>` for their branch and every node above
 * it, and `org:<node>#<tag>` for their roster tags — so one indexed query lists what they may read, whatever the number
 * of members addressed.
 *
 * The 2026 regulation forbids rankings, check-ins and time tracking: a receipt records that someone opened an article
 * (once), never for how long; staff only ever see counts per article and per branch.
 */

/** Topic tags members filter by (one vocabulary, so a filter finds every article of its topic). */
export const STUDY_TOPICS = ['理论学习', '党章党规', '应知应会', '廉洁教育', '基层治理', '政策解读', '工作规范'] as const;
export type StudyTopic = (typeof STUDY_TOPICS)[number];

export type ArticleStatus = 'draft' | 'published' | 'withdrawn';


export interface ArticleAudience {
  /** Readable by everyone, residents too. Members of `orgIds` still get it pushed. */
  public: boolean;
  /** Org nodes (a branch, a community, a street): members of every branch at or below them. */
  orgIds: string[];
  /** Only members carrying one of these roster tags (在职, 流动, …); empty: every member. */
  tags: string[];
}

export interface ArticleAttachment {
  /** Cloud file id (cloud://…) or an https URL. */
  fileId: string;
  name: string;
  kind: 'pdf' | 'image';
}

/** The content of one version: what staff write. */
export interface ArticleContent {
  title: string;
  summary: string;
  /** Cloud file id or https URL; null: no cover. */
  cover: string | null;
  /** Sanitized HTML (the server's allow-list): what members see, on weapp and H5 alike. */
  body: string;
  attachments: ArticleAttachment[];
  /** Topics (STUDY_TOPICS). */
  tags: string[];
  /** 必读 (members are asked to read it) or 选读. */
  required: boolean;
}

/** `articles`: the current version of each article. */
export interface ArticleDoc extends ArticleContent {
  _id: string;
  audience: ArticleAudience;
  /** Keys readers match (see the module comment); empty until published. */
  targets: string[];
  status: ArticleStatus;
  /** When members may see it (ms): a time in the future is a scheduled publish, checked at read time. */
  publishAt: number | null;
  /** Increases with every save; versions are kept in `article_versions`. */
  version: number;
  /** The version members were pushed (the push job's idempotency key carries it). */
  publishedVersion: number | null;
  /** The admin's node it was written under: who may edit it and see its figures. */
  scopeOrgId: string;
  scopePath: string[];
  /** Push job made when it was published (null for a draft, or when nobody was addressed). */
  pushJobId: string | null;
  /** The 应知应会 quiz attached to it, if any (`quizzes`). */
  quizId?: string | null;
  byOpenid: string;
  byName: string;
  createdAt: number;
  updatedAt: number;
}

/** `article_versions`: every saved version, append-only (留痕: edits after publishing are kept). */
export interface ArticleVersionDoc extends ArticleContent {
  _id: string;
  articleId: string;
  version: number;
  audience: ArticleAudience;
  byOpenid: string;
  byName: string;
  at: number;
}

/** `study_receipts`: a member opened an article (once: `_id` = receiptId). No duration, ever. */
export interface ReceiptDoc {
  _id: string;
  articleId: string;
  openid: string;
  /** The reader's branch when they read it (null for a resident reading a public article): figures per branch. */
  branchId: string | null;
  orgPath: string[];
  title: string;
  at: number;
}

export const receiptId = (articleId: string, openid: string): string => `r:${articleId}:${openid}`;

export const PUBLIC_TARGET = 'public';
export const orgKey = (orgId: string): string => `org:${orgId}`;
export const orgTagKey = (orgId: string, tag: string): string => `org:${orgId}#${tag}`;

/** The page of an article (main package, small): shared links and push messages open it. */
export const ARTICLE_PAGE = '/pages/article/index';
export const articleLink = (id: string): string => `${ARTICLE_PAGE}?id=${encodeURIComponent(id)}`;
/** The quiz page (study subpackage): one quiz, or `?mine=1` for 我的测试记录 and the wrong-answer list. */
export const QUIZ_PAGE = '/packages/study/pages/quiz/index';
/** 我的学习记录 (study subpackage): the member's own reads, with links to 测试记录与错题本 and 测试场次. */
export const MY_STUDY_PAGE = '/packages/study/pages/mine/index';
export const quizLink = (id: string): string => `${QUIZ_PAGE}?id=${encodeURIComponent(id)}`;

/** An article in the 学习 list and on 首页. */
export interface ArticleCard {
  id: string;
  title: string;
  summary: string;
  cover: string | null;
  tags: string[];
  required: boolean;
  publishAt: number;
  /** The caller has opened it. */
  read: boolean;
}

/** An article as a reader sees it. */
export interface ArticleView extends ArticleCard {
  /** Sanitized HTML, image file ids replaced by short-lived URLs. */
  body: string;
  attachments: Array<{ name: string; kind: ArticleAttachment['kind']; url: string }>;
  /** Only members of its audience may read it (a shared link opened by someone else gets the explanation). */
  memberOnly: boolean;
  version: number;
  /** The quiz attached to it (taken on the quiz page), if any. */
  quizId: string | null;
}

/** Why an article cannot be shown: a polite page, not an error. */
export type ArticleUnavailable =
  | { reason: 'audience'; title: string }
  | { reason: 'withdrawn' }
  | { reason: 'not_yet' }
  | { reason: 'missing' };

/** One line of 我的学习记录 (the member's own; nobody else sees it). */
export interface ReadRecord {
  articleId: string;
  title: string;
  at: number;
}

/** An article in the staff list. */
export interface ArticleStaffCard {
  id: string;
  title: string;
  status: ArticleStatus | 'scheduled';
  required: boolean;
  publishAt: number | null;
  version: number;
  audienceNames: string[];
  public: boolean;
  /** The node it was written under (where its editor publishes). */
  scopeOrgId: string;
  /** Its 应知应会 quiz, if any. */
  quizId: string | null;
  byName: string;
  updatedAt: number;
}

/** An article as its editor sees it: the content, the audience, the versions. */
export interface ArticleStaffView extends ArticleStaffCard {
  /** The stored content (sanitized body, cloud file ids): what the editor edits. */
  content: ArticleContent;
  /** The body exactly as members see it (same sanitized HTML, images as short-lived URLs). */
  preview: string;
  audience: ArticleAudience;
  versions: Array<{ version: number; at: number; byName: string; title: string }>;
  pushJobId: string | null;
}

/** One branch's figures for one article: counts only, never who. */
export interface BranchReadFigures {
  branchId: string;
  branchName: string;
  /** Current members of the branch the article is addressed to. */
  targeted: number;
  /** Of them, bound to WeChat (they can see it in the app). */
  reached: number;
  /** Of them, opened it. */
  read: number;
  /** 0..100, read of targeted. */
  share: number;
}

export interface ArticleFigures {
  articleId: string;
  title: string;
  targeted: number;
  reached: number;
  read: number;
  share: number;
  /** Every addressed branch in the caller's scope, lowest share first (branches, never people). */
  branches: BranchReadFigures[];
}
