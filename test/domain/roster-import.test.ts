/** The rules of a roster import, row by row: each kind of bad row is named with its reason, and good rows are read right. */
import { markDuplicates, normalizeDate, readRows, type RowContext } from '../../cloud/src/domain/roster/rows';
import { decodeText, parseCsv, writeCsv } from '../../cloud/src/domain/roster/table';
import { ROSTER_COLUMNS } from '../../src/shared/roster';

const CONTEXT: RowContext = {
  branches: [
    { id: 'b1', name: '东湖社区第一党支部', path: ['d', 's', 'c', 'b1'] },
    { id: 'b2', name: '桂花社区党支部', path: ['d', 's', 'c2', 'b2'] },
  ],
  defaultBranchId: null,
  tags: ['在职', '无职', '非公', '流动', '老弱病残'],
  today: '2026-11-30',
};
const HEADER = [...ROSTER_COLUMNS];
const good = (overrides: Record<string, string> = {}): string[] => {
  const values: Record<string, string> = { 姓名: '李明', 性别: '男', 手机号: '13800001000', 所在支部: '东湖社区第一党支部', 入党日期: '2001-07-01', 转正日期: '2002-07-01', 党员类别: '正式', 状态: '正常', 标签: '在职、流动', ...overrides };
  return HEADER.map((column) => values[column]);
};
const errorsOf = (row: string[], context = CONTEXT) => readRows([HEADER, row], context)[0].errors.map((e) => `${e.column}：${e.message}`);

describe('a good row', () => {
  test('is read into the values stored, with its tags and a key of name and phone', () => {
    const [row] = readRows([HEADER, good()], CONTEXT);
    expect(row.errors).toEqual([]);
    expect(row.values).toEqual({ branchId: 'b1', name: '李明', gender: '男', phone: '13800001000', joinedAt: '2001-07-01', confirmedAt: '2002-07-01', category: '正式', status: '正常', tags: ['在职', '流动'] });
    expect(row.key).toBe('李明|13800001000');
  });

  test('columns may come in any order, and empty category and status mean 正式 and 正常', () => {
    const [row] = readRows([['入党日期', '姓名', '所在支部'], ['2001/7/1', '王芳', '桂花社区党支部']], CONTEXT);
    expect(row.errors).toEqual([]);
    expect(row.values).toMatchObject({ name: '王芳', branchId: 'b2', joinedAt: '2001-07-01', category: '正式', status: '正常', tags: [] });
  });

  test('an import into one branch may leave 所在支部 empty', () => {
    expect(errorsOf(good({ 所在支部: '' }), { ...CONTEXT, defaultBranchId: 'b1' })).toEqual([]);
  });
});

describe('each kind of bad row says what is wrong', () => {
  test('missing name', () => expect(errorsOf(good({ 姓名: '' }))).toEqual(['姓名：没有填姓名']));
  test('a date that does not exist', () => expect(errorsOf(good({ 入党日期: '2001-02-29', 转正日期: '' }))).toEqual(['入党日期：入党日期“2001-02-29”不是有效日期']));
  test('a date that is not a date at all', () => expect(errorsOf(good({ 转正日期: '去年' }))).toEqual(['转正日期：转正日期“去年”不是有效日期']));
  test('a future date', () => expect(errorsOf(good({ 入党日期: '2026-12-01', 转正日期: '' }))).toEqual(['入党日期：入党日期晚于今天']));
  test('转正 before 入党', () => expect(errorsOf(good({ 入党日期: '2005-07-01', 转正日期: '2004-07-01' }))).toEqual(['转正日期：转正日期早于入党日期']));
  test('an unknown branch', () => expect(errorsOf(good({ 所在支部: '西山社区党支部' }))).toEqual(['所在支部：辖区内没有“西山社区党支部”这个支部']));
  test('an unknown status, category or tag', () => {
    expect(errorsOf(good({ 状态: '退休', 党员类别: '候补', 标签: '退休' }))).toEqual([
      '党员类别：党员类别只能填正式或预备',
      '状态：状态只能是正常、流动党员、停止党籍、转出、去世',
      '标签：没有“退休”这个标签（可用：在职、无职、非公、流动、老弱病残）',
    ]);
  });
  test('a file without the needed header is refused as a whole', () => {
    expect(() => readRows([['名字', '电话'], ['李明', '1']], CONTEXT)).toThrow('没有“姓名、入党日期”列');
  });

  test('a duplicate inside the file names the earlier row; one already on the roster says so', () => {
    const rows = markDuplicates(readRows([HEADER, good(), good({ 性别: '女' }), good({ 姓名: '张伟', 手机号: '13800001001' })], CONTEXT), new Map([['张伟|13800001001', '东湖社区第一党支部']]));
    expect(rows.map((row) => row.errors.map((e) => e.message))).toEqual([[], ['与第 2 行是同一人（姓名和手机号相同）'], ['名册中已有此人（东湖社区第一党支部）']]);
  });

  test('someone on a roster outside the importer\'s scope is reported without saying where', () => {
    const rows = markDuplicates(readRows([HEADER, good()], CONTEXT), new Map([['李明|13800001000', null]]));
    expect(rows[0].errors[0].message).toBe('名册中已有此人');
  });
});

describe('dates and files', () => {
  test('dates are read as people write them', () => {
    expect(['2020-07-01', '2020/7/1', '2020.7.1', '2020年7月1日', '20200701'].map(normalizeDate)).toEqual(Array(5).fill('2020-07-01'));
    expect(normalizeDate('1900-01-01')).toBeNull();
  });

  test('CSV with quotes, commas and line breaks inside fields survives a write and a read', () => {
    const table = [HEADER, good({ 姓名: '欧阳"小"明', 标签: '在职,流动' }), good({ 姓名: '两\r\n行' })];
    expect(parseCsv(writeCsv(table))).toEqual(table);
  });

  test('a CSV Excel saved in GBK reads as Chinese', () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]); // 姓名
    expect(decodeText(gbk)).toBe('姓名');
    expect(decodeText(Buffer.from('\uFEFF姓名', 'utf8'))).toBe('姓名');
  });
});
