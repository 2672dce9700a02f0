/**
 * Reading an uploaded roster table into rows of text: .xlsx through exceljs (first sheet), .csv by RFC 4180 (quoted
 * fields, doubled quotes, line breaks inside quotes), UTF-8 with or without BOM, or GBK as Excel in China saves it.
 * Cells become the text a person sees: an Excel date as 'YYYY-MM-DD', a phone typed as a number as its digits.
 */
import ExcelJS from 'exceljs';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';

export type Table = string[][];

/** The file's rows (header first) as trimmed text; INPUT.INVALID when it is neither a readable .xlsx nor a .csv. */
export async function readTable(bytes: Buffer, kind: 'xlsx' | 'csv'): Promise<Table> {
  return kind === 'xlsx' ? readXlsx(bytes) : parseCsv(decodeText(bytes));
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable();
  const rows: Table = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value));
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value).trim();
}

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else GBK — what Excel writes for "CSV" on a Chinese Windows. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180: fields split by commas, rows by CRLF or LF; a quoted field may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Table {
  const rows: Table = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field.trim());
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows;
}

/** Writes a table as RFC 4180 CSV (fields with commas, quotes or line breaks are quoted). */
export function writeCsv(table: Table): string {
  const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  return `${table.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

function unreadable(): AppError {
  const message = '表格打不开，请用 Excel 另存为 .xlsx 或 .csv 后再导入';
  return new AppError(ErrorCodes.INPUT_INVALID, message, { fields: { fileID: message } });
}
