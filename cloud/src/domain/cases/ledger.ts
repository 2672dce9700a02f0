/**
 * The 台账 export (issue 4, item 10): the cases of a period and their handling history as an .xlsx workbook.
 * Sheet "台账" has one row per case, sheet "办理过程" one row per event that is not internal. Times are written as text in
 * China time (UTC+8) so the file reads the same whatever the server's or the reader's time zone.
 * Privacy: contact columns exist only for a viewer entitled to contact details; for anyone else the columns are left
 * out and phone numbers a resident typed into free text (title, content, event notes) are masked.
 * Auditing the export and checking the admin's scope are the caller's job: this only renders what it is given.
 */
import ExcelJS from 'exceljs';
import { chinaClock, chinaDate } from '../../../../src/shared/calendar';
import { DEFAULT_CATEGORIES } from '../../../../src/shared/cases/categories';
import type { CaseDoc, CaseEventDoc, CaseSource, Solved } from '../../../../src/shared/cases/model';
import { STATE_LABELS } from '../../../../src/shared/cases/states';
import { maskPhone } from '../../../../src/shared/privacy';

export interface LedgerInput {
  cases: ReadonlyArray<CaseDoc>;
  /** Events of those cases; internal notes and events of other cases are left out. */
  events: ReadonlyArray<CaseEventDoc>;
  viewer: { canSeeContact: boolean };
  /** Epoch ms, [from, to). */
  period: { from: number; to: number };
  generatedAt: number;
  /** Display name of the admin who exported. */
  generatedBy: string;
  /** Studio id → name (the id is shown when missing). */
  studioNames?: Readonly<Record<string, string>>;
  /** Category key → label (defaults: the seeded category list). */
  categoryLabels?: Readonly<Record<string, string>>;
}

interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string;
}

const IDEOGRAPHIC_SPACE = '\u3000';
const SOURCE_LABELS: Record<CaseSource, string> = { online: '线上', paper: '纸质表' };
const SOLVED_LABELS: Record<Solved, string> = { yes: '已解决', partly: '部分解决', no: '未解决' };
const EVENT_LABELS: Record<string, string> = {
  submit: '提交', assign: '批办', start: '开始办理', reply: '答复', rate: '评价', close: '归档', transfer: '转办',
  extend: '延期', reopen: '重办', refuse: '不予受理', join: '我也遇到', claim: '认领', note: '备注', warn: '到期提醒',
  overdue: '逾期', escalate: '督办', read_contact: '查看联系方式',
};
const ROLE_LABELS: Record<string, string> = { resident: '居民', deputy: '代表', admin: '管理员', system: '系统' };
// Mainland mobile numbers inside free text (optionally +86, spaces or dashes between the groups).
const PHONE_IN_TEXT = /(?<!\d)(?:\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;

/** Renders the 台账 workbook and returns the .xlsx bytes. */
export async function buildLedgerWorkbook(input: LedgerInput): Promise<Buffer> {
  const { viewer, studioNames = {} } = input;
  const categoryLabels = input.categoryLabels ?? Object.fromEntries(DEFAULT_CATEGORIES.map((c) => [c.key, c.label]));
  const text = (value: string) => (viewer.canSeeContact ? value : value.replace(PHONE_IN_TEXT, (phone) => maskPhone(phone)));
  const studio = (id: string) => studioNames[id] ?? id;
  const cases = [...input.cases].sort((a, b) => a.createdAt - b.createdAt);

  const caseColumns: Array<Column<CaseDoc>> = [
    { header: '回执编号', width: 17, value: (c) => c.receiptNo },
    { header: '提交时间', width: 17, value: (c) => chinaTime(c.createdAt) },
    { header: '来源', width: 7, value: (c) => SOURCE_LABELS[c.source] ?? c.source },
    { header: '工作室', width: 18, value: (c) => studio(c.studioId) },
    { header: '类别', width: 7, value: (c) => categoryLabels[c.category] ?? c.category },
    { header: '标题', width: 24, value: (c) => text(c.title) },
    { header: '内容', width: 48, value: (c) => text(c.content) },
    { header: '状态', width: 9, value: (c) => STATE_LABELS[c.state] ?? c.state },
    { header: '承办代表', width: 12, value: (c) => (c.handler ? c.handler.deputyName ?? studio(c.handler.studioId) : '') },
    { header: '批办时间', width: 17, value: (c) => chinaTime(c.assignedAt) },
    { header: '办理期限', width: 17, value: (c) => (c.deadline ?? '') + (c.extension ? '（已延期）' : '') },
    { header: '答复时间', width: 17, value: (c) => chinaTime(c.firstRepliedAt) },
    { header: '是否按时', width: 9, value: onTimeLabel },
    { header: '评价(态度/是否解决)', width: 20, value: (c) => (c.rating ? `${c.rating.attitude}分／${SOLVED_LABELS[c.rating.solved]}` : '') },
  ];
  if (viewer.canSeeContact) {
    caseColumns.push(
      { header: '联系人', width: 10, value: (c) => c.contact?.name ?? '' },
      { header: '电话', width: 15, value: (c) => c.contact?.phone ?? '' },
    );
  }

  const receiptOf = new Map(cases.map((c) => [c._id, c.receiptNo]));
  const order = new Map(cases.map((c, i) => [c._id, i]));
  const events = input.events
    .filter((e) => !e.internal && receiptOf.has(e.caseId))
    .sort((a, b) => (order.get(a.caseId) ?? 0) - (order.get(b.caseId) ?? 0) || a.at - b.at);
  const eventColumns: Array<Column<CaseEventDoc>> = [
    { header: '回执编号', width: 17, value: (e) => receiptOf.get(e.caseId) ?? e.caseId },
    { header: '时间', width: 17, value: (e) => chinaTime(e.at) },
    { header: '环节', width: 12, value: (e) => EVENT_LABELS[e.type] ?? e.type },
    { header: '从', width: 9, value: (e) => (e.from ? STATE_LABELS[e.from] ?? e.from : '') },
    { header: '到', width: 9, value: (e) => (e.to ? STATE_LABELS[e.to] ?? e.to : '') },
    { header: '经办人', width: 12, value: actorLabel },
    { header: '说明', width: 48, value: (e) => text(detailOf(e)) },
  ];

  const title = [
    '意见征询台账',
    `统计时段：${chinaDate(input.period.from)} 至 ${chinaDate(input.period.to - 1)}`,
    `生成时间：${chinaTime(input.generatedAt)}`,
    `生成人：${input.generatedBy}`,
  ].join(IDEOGRAPHIC_SPACE);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.generatedBy;
  workbook.created = new Date(input.generatedAt);
  addSheet(workbook, '台账', title, caseColumns, cases);
  addSheet(workbook, '办理过程', title, eventColumns, events);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet with a merged title row, a bold frozen header row with a filter, and one row per item. */
function addSheet<T>(workbook: ExcelJS.Workbook, name: string, title: string, columns: Array<Column<T>>, rows: ReadonlyArray<T>): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  for (const item of rows) {
    sheet.addRow(columns.map((column) => column.value(item))).alignment = { vertical: 'top', wrapText: true };
  }
}

function onTimeLabel(c: CaseDoc): string {
  if (c.repliedOnTime !== undefined) return c.repliedOnTime ? '是' : '否';
  return c.overdue ? '已逾期' : '';
}

/** The event's note, plus the deadline it set (批办, 重办) — the one fact of `data` a reader of the 台账 needs. */
function detailOf(e: CaseEventDoc): string {
  const deadline = e.data?.deadline;
  const note = e.note ?? '';
  if ((e.type !== 'assign' && e.type !== 'reopen') || typeof deadline !== 'string') return note;
  return note ? `${note}（办理期限 ${deadline}）` : `办理期限 ${deadline}`;
}

/** The actor as the 台账 shows it: never a resident's identity, staff by name when the event recorded it. */
function actorLabel(e: CaseEventDoc): string {
  const role = ROLE_LABELS[e.byRole] ?? e.byRole;
  if (e.byRole === 'resident' || e.byRole === 'system') return role;
  return e.byName ? `${e.byName}（${role}）` : role;
}

/** 'YYYY-MM-DD HH:mm' in China time; '' when absent. */
function chinaTime(ms: number | undefined): string {
  if (ms === undefined) return '';
  const iso = chinaClock(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
