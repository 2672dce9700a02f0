/**
 * The roster as an .xlsx in the import's columns (ROSTER_COLUMNS), every cell written as text — dates as
 * 'YYYY-MM-DD', phones whole — so the file imports back to the same entries (a lossless round trip).
 */
import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS, TAG_SEPARATOR, type RosterColumn, type RosterDoc } from '../../../../src/shared/roster';

/** One export row by column, from an entry and its branch's name. */
export function exportCells(entry: RosterDoc, branchName: string): Record<RosterColumn, string> {
  return {
    姓名: entry.name,
    性别: entry.gender,
    手机号: entry.phone,
    所在支部: branchName,
    入党日期: entry.joinedAt,
    转正日期: entry.confirmedAt,
    党员类别: entry.category,
    状态: entry.status,
    标签: entry.tags.join(TAG_SEPARATOR),
  };
}

/** Renders the roster workbook (sheet 党员名册, header row first) and returns the .xlsx bytes. */
export async function buildRosterWorkbook(rows: ReadonlyArray<Record<RosterColumn, string>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('党员名册');
  sheet.columns = ROSTER_COLUMNS.map((header) => ({ header, key: header, width: header === '所在支部' ? 24 : 14, style: { numFmt: '@' } }));
  for (const row of rows) sheet.addRow(ROSTER_COLUMNS.map((column) => row[column]));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
