/**
 * Staff figures and the 台账 export through the real functions, on a fixed day (2026-06-15): the numbers of a street,
 * a studio and the district for June, the admin's scope, and the workbook read back with exceljs plus its audit record.
 */
import ExcelJS from 'exceljs';
import { cases } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import type { AppCloud } from '../support/app';
import { ADMIN, DEPUTY, DISTRICT_ADMIN, assigned, cn, form, rated, startClockedCloud, submitted } from './cases-support';

const NOW = cn(2026, 6, 15, 10);
const JUNE = { from: '2026-06-01', to: '2026-06-30' };

let app: AppCloud;
const ids: Record<'rated' | 'open' | 'waiting' | 'paper' | 'xishan', string> = { rated: '', open: '', waiting: '', paper: '', xishan: '' };
let ratedReceipt = '';

beforeAll(async () => {
  app = await startClockedCloud(NOW);
  ids.rated = await rated(app, 'o_report_rated');
  ids.open = await assigned(app, 'o_report_open', { category: 'complaint', title: '夜间施工扰民' });
  await app.call(cases.note, { id: ids.open, text: '内部：施工方已约谈' }, DEPUTY);
  ids.waiting = await submitted(app, 'o_report_waiting', { title: '健身器材损坏' });
  ids.paper = (await app.call(cases.paperIntake, form({ servicePointId: 'point-donghu-sq', title: '菜市场垃圾清运' }), DEPUTY)).id;
  ids.xishan = await submitted(app, 'o_report_xishan', { studioId: 'studio-xishan', title: '西山路面破损' });
  ratedReceipt = (await app.call(cases.get, { id: ids.rated }, ADMIN)).case.receiptNo ?? '';
});
afterAll(() => app.close());

describe('figures', () => {
  test('a street\'s June: 4 forms collected, 2 assigned, 1 answered on time and rated solved, 3 still open', async () => {
    const figures = await app.call(cases.figures, { orgId: 'org-donghu', ...JUNE }, ADMIN);
    expect(figures.scope).toEqual({ kind: 'org', id: 'org-donghu', name: '东湖街道' });
    expect(figures.counts).toEqual({
      received: 4, assigned: 2, answered: 1, assignedAnswered: 1, onTime: 1, open: 3, overdueOpen: 0, answerBase: 1,
      rated: 1, satisfied: 1, satisfactionBase: 1, attitudeSum: 5,
    });
    expect(figures.rates).toEqual({ response: 0.5, answer: 1, onTime: 1, satisfaction: 1, attitudeAverage: 5 });
    expect(figures.aging).toEqual({ days0to3: 3, days4to7: 0, days8to15: 0, over15: 0 });
    expect(figures.months.map((month) => [month.month, month.counts.received])).toEqual([['2026-06', 4]]);
    expect(figures.summaryLine).toBe('收集意见征询表 4 份，批办答复 1 件');
  });

  test('one studio, the community of the service point and the whole district each count their own cases', async () => {
    expect((await app.call(cases.figures, { studioId: 'studio-donghu', ...JUNE }, ADMIN)).counts.received).toBe(4);
    expect((await app.call(cases.figures, { orgId: 'org-donghu-sq', ...JUNE }, ADMIN)).counts.received).toBe(1);
    expect((await app.call(cases.figures, { orgId: 'org-district', ...JUNE }, DISTRICT_ADMIN)).summaryLine).toBe('收集意见征询表 5 份，批办答复 1 件');
    expect((await app.call(cases.figures, { orgId: 'org-donghu', from: '2026-07-01', to: '2026-07-31' }, ADMIN)).counts.received).toBe(0);
  });

  test('an admin gets no figures outside the scope, and a reversed period is refused', async () => {
    expect(await app.invoke(cases.figures, { orgId: 'org-xishan', ...JUNE }, ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await app.invoke(cases.figures, { studioId: 'studio-xishan', ...JUNE }, ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await app.invoke(cases.figures, { orgId: 'org-donghu', from: '2026-06-30', to: '2026-06-01' }, ADMIN)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });
});

describe('台账 export', () => {
  test('the export is a real .xlsx with one row per case and their public history, and the export is audited', async () => {
    const result = await app.call(cases.export, { orgId: 'org-donghu', ...JUNE }, ADMIN);
    expect(result).toMatchObject({ rows: 4, fileID: expect.stringMatching(/^cloud:\/\/.+\/exports\/org-donghu\/\d+\.xlsx$/) });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(result.url)).arrayBuffer());
    const ledger = workbook.getWorksheet('台账');
    const history = workbook.getWorksheet('办理过程');
    if (!ledger || !history) throw new Error('sheets missing');
    const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));

    const [title, header, ...caseRows] = rowsOf(ledger);
    expect(title[0]).toContain('统计时段：2026-06-01 至 2026-06-30');
    expect(header).toEqual(expect.arrayContaining(['回执编号', '状态', '评价(态度/是否解决)', '联系人', '电话']));
    expect(caseRows).toHaveLength(4);
    const ratedRow = caseRows.find((row) => row[0] === ratedReceipt) ?? [];
    const column = (name: string) => ratedRow[header.indexOf(name)];
    expect([column('状态'), column('评价(态度/是否解决)'), column('电话'), column('承办代表')]).toEqual(['已评价', '5分／已解决', '13812345678', '陈建国']);

    const [, , ...events] = rowsOf(history);
    expect(events.filter((row) => row[0] === ratedReceipt).map((row) => row[2])).toEqual(['提交', '批办', '开始办理', '答复', '评价']);
    // Internal notes stay out of the 台账.
    expect(events.map((row) => row[6]).join()).not.toContain('施工方已约谈');

    const audit = await database().collection('audit_log').where({ orgId: 'org-donghu' }).get();
    expect(audit).toEqual([expect.objectContaining({ type: 'export', byOpenid: ADMIN, from: '2026-06-01', to: '2026-06-30', rows: 4, fileID: result.fileID, at: NOW })]);
  });

  test('an admin cannot export another street\'s cases, and nothing is recorded', async () => {
    expect(await app.invoke(cases.export, { orgId: 'org-xishan', ...JUNE }, ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await database().collection('audit_log').where({ orgId: 'org-xishan' }).get()).toEqual([]);
  });
});
