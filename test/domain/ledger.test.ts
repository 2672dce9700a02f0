/**
 * The 台账 workbook: built from cases and events, then READ BACK with exceljs as a reader's spreadsheet would open it.
 */
import ExcelJS from 'exceljs';
import { buildLedgerWorkbook, type LedgerInput } from '../../cloud/src/domain/cases/ledger';
import type { CaseDoc, CaseEventDoc } from '../../src/shared/cases/model';

const HOUR = 3_600_000;
const cn = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * HOUR;

const base: Omit<CaseDoc, '_id' | 'receiptNo' | 'requestId' | 'createdAt' | 'state'> = {
  source: 'online',
  reporterOpenid: 'resident-1',
  followers: ['resident-1'],
  studioId: 'st1',
  orgPath: ['d1', 's1', 'c1'],
  category: 'help',
  title: '路灯不亮',
  content: '小区北门路灯坏了一周',
  photos: [],
  contactVisibleToDeputy: true,
  overdue: false,
  reopenCount: 0,
  updatedAt: 0,
  version: 3,
};

// Submitted 23:30 on 31 March China time: 15:30 UTC, so a UTC rendering would show the wrong time.
const rated: CaseDoc = {
  ...base,
  _id: 'c1',
  receiptNo: 'LS-2026-000001',
  requestId: 'r1',
  createdAt: cn(2026, 3, 31, 23, 30),
  state: 'rated',
  contact: { name: '王阿姨', phone: '13812345678' },
  handler: { studioId: 'st1', deputyOpenid: 'deputy-1', deputyName: '李代表' },
  assignedAt: cn(2026, 4, 1, 9),
  deadline: '2026-04-07',
  firstRepliedAt: cn(2026, 4, 3, 16, 5),
  repliedOnTime: true,
  rating: { attitude: 5, solved: 'partly', at: cn(2026, 4, 4) },
};

const paper: CaseDoc = {
  ...base,
  _id: 'c2',
  receiptNo: 'LS-2026-000002',
  requestId: 'r2',
  source: 'paper',
  reporterOpenid: '',
  followers: [],
  category: 'complaint',
  title: '噪音扰民',
  content: '夜间施工，请回电 139-8765-4321',
  createdAt: cn(2026, 4, 2, 10),
  state: 'assigned',
  handler: { studioId: 'st1' },
  assignedAt: cn(2026, 4, 2, 11),
  deadline: '2026-04-20',
  extension: { reason: '需协调城管', from: '2026-04-10', to: '2026-04-20', at: cn(2026, 4, 9) },
  overdue: true,
};

let n = 0;
const event = (caseId: string, fields: Partial<CaseEventDoc> & Pick<CaseEventDoc, 'type' | 'at'>): CaseEventDoc => {
  n += 1;
  return { _id: `e${n}`, caseId, byOpenid: 'admin-1', byRole: 'admin', internal: false, ...fields };
};

const events: CaseEventDoc[] = [
  event('c1', { type: 'reply', at: cn(2026, 4, 3, 16, 5), from: 'in_progress', to: 'replied', byOpenid: 'deputy-1', byName: '李代表', byRole: 'deputy', note: '已联系供电所更换灯泡' }),
  event('c1', { type: 'submit', at: cn(2026, 3, 31, 23, 30), to: 'submitted', byOpenid: 'resident-1', byName: '王阿姨', byRole: 'resident' }),
  event('c1', { type: 'reopen', at: cn(2026, 4, 4), from: 'replied', to: 'assigned', byOpenid: 'resident-1', byRole: 'resident', data: { deadline: '2026-04-12' } }),
  event('c1', { type: 'note', at: cn(2026, 4, 2), byOpenid: 'deputy-1', byRole: 'deputy', note: '内部：此户多次来访', internal: true }),
  event('c2', { type: 'assign', at: cn(2026, 4, 2, 11), from: 'submitted', to: 'assigned', byName: '赵主任', note: '请尽快处理，居民电话13912345678', data: { deadline: '2026-04-10' } }),
  event('c2', { type: 'overdue', at: cn(2026, 4, 21), byOpenid: '', byRole: 'system' }),
  // An event of a case outside the export must not leak into it.
  event('other', { type: 'submit', at: cn(2026, 4, 5), to: 'submitted', byRole: 'resident', note: '别的案件' }),
];

const input = (canSeeContact: boolean): LedgerInput => ({
  cases: [paper, rated],
  events,
  viewer: { canSeeContact },
  period: { from: cn(2026, 3, 1), to: cn(2026, 5, 1) },
  generatedAt: cn(2026, 5, 6, 8, 15),
  generatedBy: '赵主任',
  studioNames: { st1: '北街党代表工作室' },
});

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer; hand it a copy of the bytes as one.
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

/** Every row of a sheet as plain strings (row 1 is the title, row 2 the header). */
function rowsOf(workbook: ExcelJS.Workbook, name: string): string[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i += 1) cells.push(row.getCell(i).text);
    rows.push(cells);
  });
  return rows;
}

describe('a ledger for a viewer entitled to contact details', () => {
  let buffer: Buffer;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    buffer = await buildLedgerWorkbook(input(true));
    workbook = await readBack(buffer);
  });

  test('is a real .xlsx: a zip file that exceljs opens with the two sheets', () => {
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['台账', '办理过程']);
  });

  test('the title row names the period and the generation time and person, in China time', () => {
    expect(rowsOf(workbook, '台账')[0][0]).toBe(['意见征询台账', '统计时段：2026-03-01 至 2026-04-30', '生成时间：2026-05-06 08:15', '生成人：赵主任'].join('\u3000'));
  });

  test('sheet 台账 has one row per case in submission order with labels and China-time dates', () => {
    const [, header, first, second, ...rest] = rowsOf(workbook, '台账');
    expect(header).toEqual([
      '回执编号', '提交时间', '来源', '工作室', '类别', '标题', '内容', '状态', '承办代表', '批办时间', '办理期限', '答复时间',
      '是否按时', '评价(态度/是否解决)', '联系人', '电话',
    ]);
    expect(first).toEqual([
      'LS-2026-000001', '2026-03-31 23:30', '线上', '北街党代表工作室', '求助', '路灯不亮', '小区北门路灯坏了一周', '已评价', '李代表',
      '2026-04-01 09:00', '2026-04-07', '2026-04-03 16:05', '是', '5分／部分解决', '王阿姨', '13812345678',
    ]);
    expect(second).toEqual([
      'LS-2026-000002', '2026-04-02 10:00', '纸质表', '北街党代表工作室', '投诉', '噪音扰民', '夜间施工，请回电 139-8765-4321', '已批办',
      '北街党代表工作室', '2026-04-02 11:00', '2026-04-20（已延期）', '', '已逾期', '', '', '',
    ]);
    expect(rest).toEqual([]);
  });

  test('sheet 办理过程 lists the non-internal events of the exported cases in order, never a resident by name', () => {
    const [, header, ...rows] = rowsOf(workbook, '办理过程');
    expect(header).toEqual(['回执编号', '时间', '环节', '从', '到', '经办人', '说明']);
    expect(rows).toEqual([
      ['LS-2026-000001', '2026-03-31 23:30', '提交', '', '已提交', '居民', ''],
      ['LS-2026-000001', '2026-04-03 16:05', '答复', '办理中', '已答复', '李代表（代表）', '已联系供电所更换灯泡'],
      ['LS-2026-000001', '2026-04-04 00:00', '重办', '已答复', '已批办', '居民', '办理期限 2026-04-12'],
      ['LS-2026-000002', '2026-04-02 11:00', '批办', '已提交', '已批办', '赵主任（管理员）', '请尽快处理，居民电话13912345678（办理期限 2026-04-10）'],
      ['LS-2026-000002', '2026-04-21 00:00', '逾期', '', '', '系统', ''],
    ]);
  });

  test('the title and header rows are frozen and the columns have widths', () => {
    const sheet = workbook.getWorksheet('台账');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet?.getColumn(7).width).toBe(48);
  });
});

describe('a ledger for a viewer without contact rights', () => {
  let workbook: ExcelJS.Workbook;
  let buffer: Buffer;
  beforeAll(async () => {
    buffer = await buildLedgerWorkbook(input(false));
    workbook = await readBack(buffer);
  });

  test('has no 联系人 or 电话 column and no name or phone of the contact anywhere', () => {
    const rows = rowsOf(workbook, '台账');
    expect(rows[1]).not.toContain('联系人');
    expect(rows[1]).not.toContain('电话');
    expect(rows[1]).toHaveLength(14);
    const everything = [...rows, ...rowsOf(workbook, '办理过程')].flat().join('\n');
    expect(everything).not.toContain('王阿姨');
    expect(everything).not.toContain('13812345678');
  });

  test('phone numbers typed into free text are masked', () => {
    expect(rowsOf(workbook, '台账')[3][6]).toBe('夜间施工，请回电 139****4321');
    expect(rowsOf(workbook, '办理过程')[5][6]).toBe('请尽快处理，居民电话139****5678（办理期限 2026-04-10）');
  });
});

test('internal notes and events of other cases never appear, whoever reads', async () => {
  for (const canSeeContact of [true, false]) {
    const workbook = await readBack(await buildLedgerWorkbook(input(canSeeContact)));
    const everything = [...rowsOf(workbook, '台账'), ...rowsOf(workbook, '办理过程')].flat().join('\n');
    expect(everything).not.toContain('此户多次来访');
    expect(everything).not.toContain('别的案件');
    expect(everything).not.toContain('备注');
  }
});
