/**
 * `case`: the 意见征询 case from the resident's form to the archive — submit (idempotent on the client's request id),
 * paper intake and claim, 我也遇到, the state machine's transitions, inboxes and lists, staff figures and the 台账 export.
 */
import * as v from 'valibot';
// The per-viewer case view and the figures are computed by the cloud's domain rules; their types (in src/shared, never
// imported from the cloud) are the answers here.
import type { CaseFigures, CaseView, DeputyRatings, SimilarSummary } from '../cases/views';
import type { CaseCategory } from '../cases/categories';
import type { CaseContact, CaseSource, CaseState } from '../cases/model';
import type { TransitionName } from '../cases/states';
import type { HeldItem, HeldState } from '../cases/held';
import { action, defineFunction, id, page, text } from '../contract';
import { normalizePhone } from '../privacy';

export type { CaseView, CaseEventView, CaseFigures, DeputyRatings, FollowerCaseView, FullCaseView, SimilarSummary } from '../cases/views';

/**
 * The deputy workbench's lists: 待办 (handed to this deputy or to their studio as a whole, not yet answered),
 * 已答复 (the same, answered, rated or archived) and 工作室全部 (every case of their studios, colleagues' too).
 */
export const DEPUTY_TABS = ['todo', 'answered', 'studio'] as const;
export type DeputyTab = (typeof DEPUTY_TABS)[number];

/** Limits of the 意见征询表. */
export const FORM_LIMITS = Object.freeze({ title: 50, content: 1000, photos: 9, reply: 2000, reason: 500, note: 2000 });

/** Deep link to a case (notifications, lists). */
export const casePage = (caseId: string): string => `/pages/case/index?id=${encodeURIComponent(caseId)}`;

/** One line of a case list (我的意见, the deputy's inbox, the staff list): no contact, no other person's identity. */
export interface CaseListItem {
  id: string;
  receiptNo: string;
  source: CaseSource;
  studioId: string;
  category: string;
  title: string;
  state: CaseState;
  stateLabel: string;
  createdAt: number;
  updatedAt: number;
  /** 办理期限 'YYYY-MM-DD' (China time) once assigned. */
  deadline?: string;
  overdue: boolean;
  /** Escalated to 督办 and still waiting for a reply. */
  supervised: boolean;
  /** The handling deputy's name (absent while unassigned or assigned to a studio as a whole). */
  handlerName?: string;
  followerCount: number;
}

export interface CaseList {
  items: CaseListItem[];
  hasMore: boolean;
}

/** What `get` answers: the case as this viewer may see it, and the buttons to offer. */
export interface CaseDetail {
  case: CaseView;
  /** Transitions this viewer may try now (the page shows them as buttons). */
  actions: TransitionName[];
  /** Staff only: deputies of the handling studio, to pick from for 批办 / 转办. */
  deputies?: Array<{ openid: string; name: string }>;
  /** Short-lived display URLs of the photos this viewer sees (case and reply), by fileID: signed only for them. */
  photoUrls: Record<string, string>;
}

/** What a transition answers: the case's new state (the page reloads the case for the timeline). */
export interface TransitionOutcome {
  id: string;
  state: CaseState;
  stateLabel: string;
  version: number;
}

export interface FiguresAnswer extends CaseFigures {
  scope: { kind: 'org' | 'studio'; id: string; name: string };
  /** The period as asked, 'YYYY-MM-DD' inclusive (China time). */
  from: string;
  to: string;
}

// The page makes the request id itself: a bad one means the page is broken, not that the resident typed wrong.
const REQUEST_BROKEN = '页面出了点问题，请关掉这一页重新打开后再提交（已填的内容会保留）';
const requestId = v.pipe(v.string(REQUEST_BROKEN), v.regex(/^[\w-]{8,64}$/, REQUEST_BROKEN));
const PHOTO_BROKEN = '有图片没有传好，请删掉后重新添加';
const fileId = v.pipe(v.string(PHOTO_BROKEN), v.regex(/^cloud:\/\/\S+$/, PHOTO_BROKEN), v.maxLength(512, PHOTO_BROKEN));
const photos = v.pipe(v.array(fileId, PHOTO_BROKEN), v.maxLength(FORM_LIMITS.photos, `最多 ${FORM_LIMITS.photos} 张图片`));
const LOCATION_BROKEN = '位置没有取对，请移除位置后重新添加';
const geo = v.object({
  latitude: v.pipe(v.number(LOCATION_BROKEN), v.minValue(-90, LOCATION_BROKEN), v.maxValue(90, LOCATION_BROKEN)),
  longitude: v.pipe(v.number(LOCATION_BROKEN), v.minValue(-180, LOCATION_BROKEN), v.maxValue(180, LOCATION_BROKEN)),
  address: v.optional(v.pipe(v.string('地址不正确'), v.trim(), v.maxLength(100, '地址不能超过 100 字'))),
});
// Mainland mobile (optionally +86) or a landline with its area code; spaces and dashes as people type them.
const PHONE = /^(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const phone = v.pipe(
  v.string('电话不正确'),
  // A landline is stored with its dash (027-86881234), so it shows and masks with the right area code.
  v.transform(normalizePhone),
  v.regex(PHONE, '请填写正确的手机号或带区号的固定电话'),
);
const contact = v.object({
  name: v.optional(v.pipe(v.string('称呼不正确'), v.trim(), v.maxLength(20, '称呼不能超过 20 字'))),
  phone: v.optional(phone),
});
const category = v.pipe(v.string('请选择意见类别'), v.minLength(1, '请选择意见类别'), v.maxLength(32, '意见类别不正确'));
/** 'YYYY-MM-DD' in China time. */
const day = (label: string) => v.pipe(v.string(`请选择${label}`), v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}请按“2026-01-31”这样的格式填写`));
const period = { from: day('开始日期'), to: day('结束日期') };
const reason = (label: string) => text(label, FORM_LIMITS.reason);

/** The 意见征询表 as residents (and staff entering a paper form) fill it in; the page validates with this schema. */
export const opinionForm = v.object({
  studioId: id('工作室'),
  servicePointId: v.optional(id('服务点')),
  category,
  title: text('标题', FORM_LIMITS.title),
  content: text('内容', FORM_LIMITS.content),
  photos: v.optional(photos, []),
  location: v.optional(geo),
  contact: v.optional(contact),
  /** The resident's choice: may deputies see the name and phone (staff always may, to call back)? */
  contactVisibleToDeputy: v.boolean('请选择是否向代表公开联系方式'),
});

const submission = v.object({ requestId, ...opinionForm.entries });

/** 认领码: 6 digits printed on the paper receipt; a registered phone's last 4 digits also do. */
export const CLAIM_CODE_LABEL = '认领码（纸质回执上）或登记手机号后4位';
const claimCode = v.pipe(
  v.string(`请输入${CLAIM_CODE_LABEL}`),
  v.transform((value: string) => value.replace(/\s/g, '')),
  v.regex(/^(?:\d{4}|\d{6})$/, '认领码是 6 位数字；也可以填登记手机号的后 4 位'),
);
/** Image types a photo may have (the extension of its cloud path). */
export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp'] as const;
const caseRef = v.object({ id: id('意见') });
// 办理态度 is rated in stars (1 to 5) everywhere: the form, the timeline and the figures say 星.
const ATTITUDE_STARS = '请为办理态度选 1 到 5 颗星';

/** What 批办 must name: one deputy, or the whole studio said out loud — never "nobody chosen" standing for the studio. */
export const ASSIGN_CHOICE_MISSING = '请选择一位承办代表，或选择“整个工作室”';
const assignInput = v.pipe(
  v.object({ id: id('意见'), deputyOpenid: v.optional(id('承办代表')), wholeStudio: v.optional(v.literal(true, '请选择承办代表')) }),
  v.forward(
    v.check((input) => (input.deputyOpenid === undefined) !== (input.wholeStudio === undefined), ASSIGN_CHOICE_MISSING),
    ['deputyOpenid'],
  ),
);

export const cases = defineFunction('case', {
  categories: action({ summary: '意见类别', input: v.object({}), roles: ['resident'], idempotent: true }).returns<{ categories: CaseCategory[] }>(),
  submit: action({
    summary: '提交意见征询表（同一请求编号只生成一件）',
    input: submission,
    roles: ['resident'],
    idempotent: true,
    // held: WeChat's check found the text doubtful, so staff review it first (no receipt number until released).
  }).returns<{ id: string; receiptNo: string; held?: true }>(),
  paperIntake: action({
    summary: '录入纸质意见征询表（流动服务点代收）',
    input: submission,
    roles: ['deputy', 'admin'],
    scoped: true,
    idempotent: true,
    // claimCode: the 认领码 to write on the paper receipt, answered to the intake staff only (a retry answers the same).
  }).returns<{ id: string; receiptNo: string; claimCode: string }>(),
  claim: action({
    summary: '凭回执编号和认领码（或登记手机号后4位）认领纸质意见表（尝试次数有限）',
    input: v.object({
      receiptNo: v.pipe(v.string('请输入回执编号'), v.trim(), v.minLength(1, '请输入回执编号'), v.maxLength(32, '回执编号不正确')),
      code: claimCode,
    }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ id: string }>(),
  photoPath: action({
    summary: '上传图片前领取存放位置（随机路径，不含身份；提交时只认自己上传的图片）',
    input: v.object({ ext: v.picklist(PHOTO_EXTENSIONS, '只能上传 JPG、PNG、GIF 或 WebP 图片') }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ cloudPath: string }>(),
  similar: action({
    summary: '“我也遇到”：同一工作室同类的未办结意见',
    input: v.object({
      studioId: id('工作室'),
      category,
      title: v.pipe(v.string(), v.trim(), v.maxLength(FORM_LIMITS.title, `标题不能超过 ${FORM_LIMITS.title} 字`)),
      content: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(FORM_LIMITS.content, `内容不能超过 ${FORM_LIMITS.content} 字`)), ''),
    }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ cases: SimilarSummary[] }>(),
  join: action({
    summary: '我也遇到：关注这件意见，后续进展都会通知我',
    input: v.object({ caseId: id('意见') }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ following: true }>(),
  mine: action({ summary: '我的意见（提交的与关注的，新的在前）', input: v.object({ ...page }), roles: ['resident'], idempotent: true }).returns<CaseList>(),
  get: action({ summary: '意见详情与办理过程', input: caseRef, roles: ['resident'], idempotent: true }).returns<CaseDetail>(),
  contact: action({
    summary: '查看提交人的联系方式（回访用，留痕）',
    input: caseRef,
    roles: ['deputy', 'admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ contact: CaseContact }>(),

  assign: action({
    summary: '批办：交一位代表或整个工作室办理（须明确选择）并确定期限',
    input: assignInput,
    roles: ['admin'],
    scoped: true,
    idempotent: false,
  }).returns<TransitionOutcome>(),
  refuse: action({
    summary: '不予受理（须说明理由）',
    input: v.object({ id: id('意见'), reason: reason('不予受理的理由') }),
    roles: ['admin'],
    scoped: true,
    idempotent: false,
  }).returns<TransitionOutcome>(),
  start: action({ summary: '开始办理', input: caseRef, roles: ['deputy', 'admin'], scoped: true, idempotent: false }).returns<TransitionOutcome>(),
  reply: action({
    summary: '答复（文字与图片）',
    input: v.object({ id: id('意见'), text: text('答复内容', FORM_LIMITS.reply), photos: v.optional(photos, []) }),
    roles: ['deputy', 'admin'],
    scoped: true,
    idempotent: false,
  }).returns<TransitionOutcome>(),
  transfer: action({
    summary: '转办给其他代表或工作室（须说明理由，期限不变）',
    input: v.object({
      id: id('意见'),
      studioId: v.optional(id('工作室')),
      deputyOpenid: v.optional(id('承办代表')),
      reason: reason('转办理由'),
    }),
    roles: ['deputy', 'admin'],
    scoped: true,
    idempotent: false,
  }).returns<TransitionOutcome>(),
  extend: action({
    summary: '申请延期（期限当天及之前，每件一次）',
    input: v.object({
      id: id('意见'),
      reason: reason('延期理由'),
      days: v.pipe(v.number('请填写延期天数'), v.integer('延期天数应为整数'), v.minValue(1, '至少延期 1 个工作日'), v.maxValue(30, '延期不能超过 30 个工作日')),
    }),
    roles: ['deputy'],
    idempotent: false,
  }).returns<TransitionOutcome>(),
  rate: action({
    summary: '评价：办理态度与问题是否解决（未解决则重办）',
    input: v.object({
      id: id('意见'),
      attitude: v.pipe(v.number(ATTITUDE_STARS), v.integer(ATTITUDE_STARS), v.minValue(1, ATTITUDE_STARS), v.maxValue(5, ATTITUDE_STARS)),
      solved: v.picklist(['yes', 'partly', 'no'], '请选择问题是否解决'),
    }),
    roles: ['resident'],
    idempotent: false,
  }).returns<TransitionOutcome>(),
  close: action({ summary: '归档', input: caseRef, roles: ['admin'], scoped: true, idempotent: false }).returns<TransitionOutcome>(),
  note: action({
    summary: '内部备注（居民看不到）',
    input: v.object({ id: id('意见'), text: text('备注', FORM_LIMITS.note) }),
    roles: ['deputy', 'admin'],
    scoped: true,
    idempotent: false,
  }).returns<TransitionOutcome>(),

  deputyInbox: action({
    summary: '代表工作台：待办（交给我或整个工作室、还没答复的，逾期在前）、已答复、工作室全部',
    input: v.object({ tab: v.optional(v.picklist(DEPUTY_TABS, '请选择待办、已答复或工作室全部'), 'todo'), ...page }),
    roles: ['deputy'],
    idempotent: true,
  }).returns<CaseList>(),
  myRatings: action({
    summary: '我承办意见的评价：按月汇总，当月满 5 件才显示，看不到单件评价',
    input: v.object({}),
    roles: ['deputy'],
    idempotent: true,
  }).returns<DeputyRatings>(),
  adminList: action({
    summary: '辖区意见列表（可按状态筛选，或只看督办）',
    input: v.object({
      orgId: id('组织'),
      state: v.optional(v.picklist(['submitted', 'assigned', 'in_progress', 'replied', 'rated', 'closed', 'refused'], '请选择要看的状态')),
      supervised: v.optional(v.literal(true)),
      ...page,
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<CaseList>(),
  figures: action({
    summary: '办理统计（收集、批办、答复、按时、满意等）',
    input: v.union([v.object({ orgId: id('组织'), ...period }), v.object({ studioId: id('工作室'), ...period })], '请指定组织或工作室'),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<FiguresAnswer>(),
  export: action({
    summary: '导出台账（.xlsx，留痕）',
    input: v.object({ orgId: id('组织'), ...period }),
    roles: ['admin'],
    scoped: true,
    // Each call uploads a file and writes an audit record: the transport must not repeat it on its own.
    idempotent: false,
  }).returns<{ url: string; fileID: string; rows: number }>(),
  heldList: action({
    summary: '待审核意见（微信内容检查存疑，暂不公开）',
    input: v.object({ orgId: id('组织'), state: v.optional(v.picklist(['held', 'released', 'rejected'], '请选择要看的状态'), 'held'), ...page }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ items: HeldItem[]; hasMore: boolean }>(),
  heldRelease: action({
    summary: '放行待审核意见（成为正式意见，通知提交人）',
    input: v.object({ id: id('意见') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ id: string; receiptNo: string }>(),
  heldReject: action({
    summary: '待审核意见不予通过（须说明理由，通知提交人）',
    input: v.object({ id: id('意见'), reason: text('理由', FORM_LIMITS.reason) }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ id: string; state: HeldState }>(),
});
