/** `roster`: 党员名册 — staff keep it per branch (import, export, edit, invite codes, unbind); members bind to it. */
import * as v from 'valibot';
import { action, defineFunction, id, page, text } from '../contract';
import { GENDERS, MEMBER_CATEGORIES, ROSTER_STATUSES, type BranchSummary, type RosterEntryView } from '../roster';

const date = (label: string) => v.pipe(v.string(`请填写${label}`), v.trim(), v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式为 2020-07-01`));
const tag = v.pipe(v.string(), v.trim(), v.minLength(1, '标签不能为空'), v.maxLength(10, '标签不能超过 10 字'));

/** One row of an import as the preview shows it: the values read, and what is wrong with them. */
export interface ImportRowView {
  /** Row number in the file (the header is row 1). */
  row: number;
  name: string;
  branchName: string;
  phoneMasked: string;
  joinedAt: string;
  confirmedAt: string;
  category: string;
  status: string;
  tags: string;
  /** Column → what is wrong; empty when the row will be imported. */
  errors: Array<{ column: string; message: string }>;
}

export interface ImportPreview {
  importId: string;
  /** pending: waiting for 确认导入; done: already written (confirming again adds nobody). */
  status: 'pending' | 'running' | 'done';
  total: number;
  valid: number;
  invalid: number;
  /** Every row with an error, then the first valid rows (at most 200 rows in all). */
  rows: ImportRowView[];
}

export interface ImportProgress {
  importId: string;
  status: 'running' | 'done';
  /** Rows written so far (over every call). */
  written: number;
  /** Valid rows of the import. */
  total: number;
}

const memberFields = {
  branchId: id('所在支部'),
  name: text('姓名', 20),
  gender: v.optional(v.picklist([...GENDERS, ''] as const, '性别只能是男或女'), ''),
  /** Left out when editing: the stored number stays (the form shows it masked). */
  phone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[\d\s+-]{0,20}$/, '手机号只能是数字'))),
  joinedAt: date('入党日期'),
  confirmedAt: v.optional(v.union([v.literal(''), date('转正日期')]), ''),
  category: v.picklist(MEMBER_CATEGORIES, '党员类别只能是正式或预备'),
  status: v.optional(v.picklist(ROSTER_STATUSES, '请选择组织关系状态'), '正常'),
  tags: v.optional(v.pipe(v.array(tag), v.maxLength(10, '标签最多 10 个')), []),
};

export const roster = defineFunction('roster', {
  uploadPath: action({
    summary: '名册表格的上传位置（随机文件名）',
    input: v.object({ ext: v.picklist(['xlsx', 'csv'], '只能导入电子表格，请在表格软件里另存后再选') }),
    roles: ['admin'],
    idempotent: false,
  }).returns<{ cloudPath: string }>(),
  overview: action({
    summary: '名册概况：本辖区各支部人数与已绑定人数、标签',
    input: v.object({ orgId: id('组织') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ org: { id: string; name: string }; branches: BranchSummary[]; tags: string[] }>(),
  list: action({
    summary: '某组织（或支部）的党员名单（手机号打码）',
    input: v.object({ orgId: id('组织'), ...page }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ entries: RosterEntryView[]; hasMore: boolean }>(),
  save: action({
    summary: '新增、修改、调动支部或办理转出等（留痕）',
    input: v.object({ id: v.optional(id('党员')), ...memberFields }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ entry: RosterEntryView }>(),
  setTags: action({
    summary: '设置本辖区的党员标签',
    input: v.object({ orgId: id('组织'), tags: v.pipe(v.array(tag), v.minLength(1, '至少保留一个标签'), v.maxLength(20, '标签最多 20 个')) }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ tags: string[] }>(),
  importPreview: action({
    summary: '导入名册预览：逐行检查，不写入',
    input: v.object({ orgId: id('组织'), fileID: v.pipe(v.string('请先选择文件'), v.minLength(1, '请先选择文件'), v.maxLength(300)) }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<ImportPreview>(),
  importConfirm: action({
    summary: '确认导入（可重复调用，不会重复添加）',
    input: v.object({ importId: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, '这次导入已失效，请重新选择文件')) }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<ImportProgress>(),
  export: action({
    summary: '导出名册 .xlsx（与导入同列）',
    input: v.object({ orgId: id('组织') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ url: string; fileID: string; rows: number }>(),
  invite: action({
    summary: '为某位党员生成一次性绑定邀请码',
    input: v.object({ id: id('党员') }),
    roles: ['admin'],
    scoped: true,
    idempotent: false,
  }).returns<{ code: string; expiresAt: number }>(),
  unbind: action({
    summary: '解除某位党员与微信的绑定',
    input: v.object({ id: id('党员') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ unbound: boolean }>(),
  bind: action({
    summary: '绑定党员身份（姓名 + 手机尾号，或邀请码）',
    input: v.union(
      [
        v.object({ name: text('姓名', 20), phoneTail: v.pipe(v.string('请填写手机号后 4 位'), v.trim(), v.regex(/^\d{4}$/, '请填写手机号后 4 位数字')) }),
        v.object({ code: v.pipe(v.string('请填写邀请码'), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{8}$/, '邀请码是 8 位字母或数字')) }),
      ],
      '请填写姓名和手机号后 4 位，或填写邀请码',
    ),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ branchId: string; branchName: string; name: string }>(),
});
