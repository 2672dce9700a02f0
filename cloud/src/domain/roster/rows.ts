/**
 * The rules of a roster import, row by row, pure: which column holds what (by header, in any order), what each cell
 * must be (a real date not in the future, 转正 not before 入党, a branch inside the importer's scope, a known status,
 * category and tags, a name), and duplicates — inside the file and against the roster. A row with any error is shown
 * with it and never written; the others are written only when staff confirm.
 */
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import { normalizePhone } from '../../../../src/shared/privacy';
import {
  GENDERS,
  MEMBER_CATEGORIES,
  ROSTER_COLUMNS,
  ROSTER_STATUSES,
  TAG_SEPARATOR,
  rosterKey,
  type Gender,
  type MemberCategory,
  type RosterColumn,
  type RosterStatus,
} from '../../../../src/shared/roster';
import type { Table } from './table';

/** More rows than this in one file is more than one street's roster: split the file. */
export const MAX_IMPORT_ROWS = 5000;

export interface BranchRef {
  id: string;
  name: string;
  path: string[];
}

/** A row's values, ready to store. */
export interface MemberValues {
  branchId: string;
  name: string;
  gender: Gender | '';
  phone: string;
  joinedAt: string;
  confirmedAt: string;
  category: MemberCategory;
  status: RosterStatus;
  tags: string[];
}

export interface ImportRow {
  /** Row number in the file (header = 1). */
  row: number;
  /** The cells as read, by column (for the preview). */
  cells: Record<RosterColumn, string>;
  values: MemberValues;
  key: string;
  errors: Array<{ column: RosterColumn | '整行'; message: string }>;
}

export interface RowContext {
  /** Branches inside the importer's scope. */
  branches: readonly BranchRef[];
  /** The only branch when the import is into one branch: an empty 所在支部 means it. */
  defaultBranchId: string | null;
  /** Tags allowed in the scope. */
  tags: readonly string[];
  /** Today (China date): dates after it are refused. */
  today: string;
}

/** Reads every data row of the table; INPUT.INVALID when the header lacks a needed column or the file is empty/too big. */
export function readRows(table: Table, context: RowContext): ImportRow[] {
  const [header, ...body] = table;
  const columns = headerColumns(header ?? []);
  const data = body.map((cells, index) => ({ cells, row: index + 2 })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (data.length === 0) throw fileError('表格里没有党员数据（第一行是表头，从第二行起每行一人）');
  if (data.length > MAX_IMPORT_ROWS) throw fileError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件`);
  const byName = new Map<string, BranchRef[]>();
  for (const branch of context.branches) byName.set(branch.name, [...(byName.get(branch.name) ?? []), branch]);
  return data.map(({ cells, row }) => {
    const get = (column: RosterColumn) => (columns[column] === undefined ? '' : (cells[columns[column] as number] ?? '').trim());
    const read = Object.fromEntries(ROSTER_COLUMNS.map((column) => [column, get(column)])) as Record<RosterColumn, string>;
    return readRow(row, read, context, byName);
  });
}

function readRow(row: number, cells: Record<RosterColumn, string>, context: RowContext, byName: Map<string, BranchRef[]>): ImportRow {
  const errors: ImportRow['errors'] = [];
  const fail = (column: RosterColumn, message: string) => errors.push({ column, message });

  const name = cells['姓名'].replace(/\s+/g, '');
  if (!name) fail('姓名', '没有填姓名');
  else if (name.length > 20) fail('姓名', '姓名不能超过 20 字');

  let branchId = '';
  const branchName = cells['所在支部'];
  if (!branchName) {
    if (context.defaultBranchId) branchId = context.defaultBranchId;
    else fail('所在支部', '请填写所在支部');
  } else {
    const found = byName.get(branchName) ?? [];
    if (found.length === 1) branchId = found[0].id;
    else if (found.length > 1) fail('所在支部', `辖区内有 ${found.length} 个“${branchName}”，请在该支部下导入`);
    else fail('所在支部', `辖区内没有“${branchName}”这个支部`);
  }

  const gender = cells['性别'];
  if (gender && !(GENDERS as readonly string[]).includes(gender)) fail('性别', '性别只能填男或女');

  const phone = normalizePhone(cells['手机号']);
  if (phone && !/^1\d{10}$/.test(phone) && !/^0\d{2,3}-\d{7,8}$/.test(phone)) fail('手机号', '手机号应为 11 位数字');

  const joinedAt = normalizeDate(cells['入党日期']);
  if (!cells['入党日期']) fail('入党日期', '没有填入党日期');
  else if (!joinedAt) fail('入党日期', `入党日期“${cells['入党日期']}”不是有效日期`);
  else if (joinedAt > context.today) fail('入党日期', '入党日期晚于今天');

  const confirmedAt = cells['转正日期'] ? normalizeDate(cells['转正日期']) : '';
  if (cells['转正日期'] && !confirmedAt) fail('转正日期', `转正日期“${cells['转正日期']}”不是有效日期`);
  else if (confirmedAt && confirmedAt > context.today) fail('转正日期', '转正日期晚于今天');
  else if (confirmedAt && joinedAt && confirmedAt < joinedAt) fail('转正日期', '转正日期早于入党日期');

  const category = (cells['党员类别'] || '正式') as MemberCategory;
  if (!(MEMBER_CATEGORIES as readonly string[]).includes(category)) fail('党员类别', '党员类别只能填正式或预备');
  else if (category === '预备' && confirmedAt) fail('党员类别', '预备党员还没有转正日期');

  const status = (cells['状态'] || '正常') as RosterStatus;
  if (!(ROSTER_STATUSES as readonly string[]).includes(status)) fail('状态', `状态只能是${ROSTER_STATUSES.join('、')}`);

  const tags = splitTags(cells['标签']);
  const unknown = tags.filter((tag) => !context.tags.includes(tag));
  if (unknown.length > 0) fail('标签', `没有“${unknown.join(TAG_SEPARATOR)}”这个标签（可用：${context.tags.join(TAG_SEPARATOR)}）`);

  const values: MemberValues = { branchId, name, gender: gender as Gender | '', phone, joinedAt: joinedAt ?? '', confirmedAt: confirmedAt ?? '', category, status, tags };
  return { row, cells, values, key: rosterKey(values), errors };
}

/**
 * Marks duplicates: a row whose person appeared on an earlier row of the file, or is on the roster already (`existing`:
 * key → the branch name to show, or null when that branch is outside the importer's scope and must not be named).
 */
export function markDuplicates(rows: ImportRow[], existing: ReadonlyMap<string, string | null>): ImportRow[] {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.values.name) continue;
    const earlier = first.get(row.key);
    if (earlier !== undefined) row.errors.push({ column: '整行', message: `与第 ${earlier} 行是同一人（姓名和手机号相同）` });
    else {
      first.set(row.key, row.row);
      if (existing.has(row.key)) {
        const where = existing.get(row.key);
        row.errors.push({ column: '整行', message: where ? `名册中已有此人（${where}）` : '名册中已有此人' });
      }
    }
  }
  return rows;
}

/** 2020-07-01, 2020/7/1, 2020.7.1, 2020年7月1日 or 20200701 → '2020-07-01'; null when it is no real date. */
export function normalizeDate(text: string): string | null {
  const compact = text.trim();
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(compact) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1921) return null;
  return date.toISOString().slice(0, 10);
}

/** Tags in one cell, separated by 、 , ， ; or spaces. */
export function splitTags(cell: string): string[] {
  return [...new Set(cell.split(/[、,，;；\s]+/).map((tag) => tag.trim()).filter(Boolean))];
}

function headerColumns(header: string[]): Partial<Record<RosterColumn, number>> {
  const columns: Partial<Record<RosterColumn, number>> = {};
  header.forEach((cell, index) => {
    const name = cell.replace(/\s+/g, '') as RosterColumn;
    if ((ROSTER_COLUMNS as readonly string[]).includes(name) && columns[name] === undefined) columns[name] = index;
  });
  const missing = (['姓名', '入党日期'] as RosterColumn[]).filter((column) => columns[column] === undefined);
  if (missing.length > 0) throw fileError(`表格第一行应是表头，没有“${missing.join('、')}”列（列名：${ROSTER_COLUMNS.join('、')}）`);
  return columns;
}

function fileError(message: string): AppError {
  return new AppError(ErrorCodes.INPUT_INVALID, message, { fields: { fileID: message } });
}

const FORM_FIELDS: Record<RosterColumn | '整行', string> = {
  姓名: 'name', 性别: 'gender', 手机号: 'phone', 所在支部: 'branchId', 入党日期: 'joinedAt', 转正日期: 'confirmedAt', 党员类别: 'category', 状态: 'status', 标签: 'tags', 整行: 'name',
};

/** The same rules for one member typed into the staff form: form field → what is wrong (empty when fine). */
export function memberFormErrors(values: Omit<MemberValues, 'branchId'>, branch: BranchRef, context: Pick<RowContext, 'tags' | 'today'>): Record<string, string> {
  const cells: Record<RosterColumn, string> = {
    姓名: values.name, 性别: values.gender, 手机号: values.phone, 所在支部: '', 入党日期: values.joinedAt, 转正日期: values.confirmedAt,
    党员类别: values.category, 状态: values.status, 标签: values.tags.join(TAG_SEPARATOR),
  };
  const row = readRow(0, cells, { branches: [branch], defaultBranchId: branch.id, ...context }, new Map());
  const fields: Record<string, string> = {};
  for (const error of row.errors) fields[FORM_FIELDS[error.column]] ??= error.message;
  return fields;
}
