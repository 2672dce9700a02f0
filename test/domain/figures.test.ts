/**
 * Staff figures: the one aggregation pipeline run with mingo (as the emulator runs it) over hand-built cases, and the
 * figures computed from its rows.
 */
import { Aggregator, ProcessingMode } from 'mingo';
import { figuresFromAggregate, figuresPipeline, type FiguresQuery } from '../../cloud/src/domain/cases/figures';
import { rewritePipeline } from '../../emulator/db/pipeline';
import type { CaseDoc } from '../../src/shared/cases/model';
import { AppError } from '../../src/shared/errors';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Epoch ms of a wall-clock time in China (UTC+8). */
const cn = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * HOUR;

// Organisation tree: district d1 → streets s1, s2 → communities c1, c2 → studios st1, st2. d2 is another district.
const ST1 = ['d1', 's1', 'c1'];
const ST2 = ['d1', 's2', 'c2'];
const NOW = cn(2026, 3, 20, 12);
const PERIOD = { from: cn(2026, 1, 1), to: cn(2026, 4, 1) };

let seq = 0;
function caseDoc(fields: Partial<CaseDoc> & Pick<CaseDoc, 'createdAt' | 'state'>): CaseDoc {
  seq += 1;
  const orgPath = fields.orgPath ?? ST1;
  return {
    _id: `case-${seq}`,
    receiptNo: `LS-2026-${String(seq).padStart(6, '0')}`,
    requestId: `req-${seq}`,
    source: 'online',
    reporterOpenid: `resident-${seq}`,
    followers: [`resident-${seq}`],
    studioId: orgPath === ST2 ? 'st2' : 'st1',
    orgPath,
    category: '建议',
    title: '路灯不亮',
    content: '小区北门路灯坏了',
    photos: [],
    contactVisibleToDeputy: false,
    overdue: false,
    reopenCount: 0,
    updatedAt: fields.createdAt,
    version: 1,
    ...fields,
  };
}

const answeredOnTime = { assignedAt: 1, deadline: '2026-02-01', firstRepliedAt: 2, repliedOnTime: true };

/** Eight cases of district d1 in Q1 2026 (seen at NOW = 2026-03-20 12:00) covering every counter, plus three outside. */
const cases: CaseDoc[] = [
  // A: answered on time, rated 5 / solved.
  caseDoc({ createdAt: cn(2026, 1, 5), state: 'closed', ...answeredOnTime, rating: { attitude: 5, solved: 'yes', at: 3 } }),
  // B: answered late, rated 3 / partly.
  caseDoc({ createdAt: cn(2026, 1, 10), state: 'rated', ...answeredOnTime, repliedOnTime: false, rating: { attitude: 3, solved: 'partly', at: 3 } }),
  // H: refused without 批办, in the last minute of January China time.
  caseDoc({ createdAt: cn(2026, 1, 31, 23, 59), state: 'refused', refusal: { reason: '不属于受理范围', at: 2, byOpenid: 'admin' } }),
  // C: answered on time, rated 2 / not solved, reopened (open again, deadline 03-25 not passed); first instant of February.
  caseDoc({ createdAt: cn(2026, 2, 1), orgPath: ST2, state: 'in_progress', ...answeredOnTime, deadline: '2026-03-25', reopenCount: 1, rating: { attitude: 2, solved: 'no', at: 3 } }),
  // D: assigned, marked overdue by the timer.
  caseDoc({ createdAt: cn(2026, 2, 20), orgPath: ST2, state: 'assigned', assignedAt: 1, deadline: '2026-03-10', overdue: true }),
  // E: in progress, deadline 03-18 passed but the timer has not marked it yet; 15.99 days old.
  caseDoc({ createdAt: NOW - 16 * DAY + 1, state: 'in_progress', assignedAt: 1, deadline: '2026-03-18' }),
  // F: submitted, not assigned, exactly 4 days old.
  caseDoc({ createdAt: NOW - 4 * DAY, state: 'submitted' }),
  // G: assigned, not yet due, 2 days old.
  caseDoc({ createdAt: cn(2026, 3, 18, 9), orgPath: ST2, state: 'assigned', assignedAt: 1, deadline: '2026-04-05' }),
  // Outside the period (the last minute of 2025 in China; the first instant of April) and outside the district.
  caseDoc({ createdAt: cn(2025, 12, 31, 23, 59), state: 'submitted' }),
  caseDoc({ createdAt: cn(2026, 4, 1), state: 'submitted' }),
  caseDoc({ createdAt: cn(2026, 2, 2), orgPath: ['d2', 's9'], state: 'submitted' }),
];

/** Runs the pipeline the way the emulator does (same $bucket rewrite, on copies). */
function aggregate(query: FiguresQuery, docs: CaseDoc[] = cases): Array<Record<string, unknown>> {
  const aggregator = new Aggregator(rewritePipeline(figuresPipeline(query)), { processingMode: ProcessingMode.CLONE_INPUT });
  return aggregator.run(docs).map((row) => ({ ...row }));
}

const figuresOf = (scope: Partial<FiguresQuery>, docs?: CaseDoc[]) => figuresFromAggregate(aggregate({ ...PERIOD, now: NOW, ...scope }, docs), PERIOD);

describe('figures of a district for a quarter', () => {
  const figures = figuresOf({ orgNodeId: 'd1' });

  test('every counter counts the cases created in the period inside the scope', () => {
    expect(figures.counts).toEqual({
      received: 8,
      assigned: 6,
      answered: 3,
      assignedAnswered: 3,
      onTime: 2,
      open: 5,
      overdueOpen: 2,
      answerBase: 5,
      rated: 3,
      satisfied: 2,
      satisfactionBase: 5,
      attitudeSum: 10,
    });
  });

  test('the rates are 响应率 6/8, 答复率 3/5, 按时 2/5, 满意率 2/5 and an attitude average of 10/3', () => {
    expect(figures.rates).toEqual({ response: 0.75, answer: 0.6, onTime: 0.4, satisfaction: 0.4, attitudeAverage: 10 / 3 });
  });

  test('open cases fall into aging buckets by whole days since submission, 4 days exactly being 4–7', () => {
    expect(figures.aging).toEqual({ days0to3: 1, days4to7: 1, days8to15: 1, over15: 2 });
  });

  test('the summary line is generated from the counts', () => {
    expect(figures.summaryLine).toBe('收集意见征询表 8 份，批办答复 3 件');
  });

  test('months are cut at midnight China time and add up to the totals', () => {
    expect(figures.months.map((m) => [m.month, m.counts.received, m.counts.answered])).toEqual([
      ['2026-01', 3, 2],
      ['2026-02', 2, 1],
      ['2026-03', 3, 0],
    ]);
    expect(figures.months[0].rates.answer).toBe(1);
    expect(figures.months.reduce((sum, m) => sum + m.counts.overdueOpen, 0)).toBe(figures.counts.overdueOpen);
  });
});

describe('honest denominators', () => {
  const period = { from: cn(2026, 3, 1), to: cn(2026, 4, 1) };
  const now = cn(2026, 3, 20, 12);
  const answered = caseDoc({ createdAt: cn(2026, 3, 2), state: 'rated', ...answeredOnTime, rating: { attitude: 5, solved: 'yes', at: 3 } });
  const overdue = caseDoc({ createdAt: cn(2026, 3, 3), state: 'assigned', assignedAt: 1, deadline: '2026-03-10', overdue: true });
  const notYetDue = caseDoc({ createdAt: cn(2026, 3, 4), state: 'assigned', assignedAt: 1, deadline: '2026-03-30' });
  const run = (docs: CaseDoc[], at = now) => figuresFromAggregate(aggregate({ ...period, now: at, orgNodeId: 'd1' }, docs));

  test('a still-open overdue case is in the 答复率, 按时 and 满意率 denominators', () => {
    const { rates } = run([answered, overdue]);
    expect([rates.answer, rates.onTime, rates.satisfaction]).toEqual([0.5, 0.5, 0.5]);
  });

  test('an open case not yet due is not counted against the handler', () => {
    expect(run([answered, notYetDue]).rates.answer).toBe(1);
  });

  test('a case whose deadline day has passed counts as overdue before the timer marks it, and not on its deadline day', () => {
    const unmarked = { ...notYetDue, deadline: '2026-03-19' };
    expect(run([answered, unmarked]).counts.overdueOpen).toBe(1);
    expect(run([answered, unmarked], cn(2026, 3, 19, 23, 59)).counts.overdueOpen).toBe(0);
  });

  test('a reopened overdue case that was answered before is counted once, so the rate never exceeds 100%', () => {
    const reopened = { ...answered, state: 'in_progress' as const, overdue: true, deadline: '2026-03-12' };
    const { counts, rates } = run([reopened]);
    expect([counts.answered, counts.overdueOpen, counts.answerBase, rates.answer]).toEqual([1, 1, 1, 1]);
  });

  test('without cases every rate is null rather than 0%, and every month of the period is listed with zeros', () => {
    const empty = figuresFromAggregate(aggregate({ ...PERIOD, now: NOW, orgNodeId: 'nowhere' }), PERIOD);
    expect(empty.rates).toEqual({ response: null, answer: null, onTime: null, satisfaction: null, attitudeAverage: null });
    expect(empty.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(empty.summaryLine).toBe('收集意见征询表 0 份，批办答复 0 件');
  });
});

describe('scopes', () => {
  test('district figures equal the sum of its streets, so no roll-up step is needed', () => {
    const district = figuresOf({ orgNodeId: 'd1' });
    const streets = [aggregate({ ...PERIOD, now: NOW, orgNodeId: 's1' }), aggregate({ ...PERIOD, now: NOW, orgNodeId: 's2' })];
    expect(streets.map((rows) => figuresFromAggregate(rows).counts.received)).toEqual([5, 3]);
    expect(figuresFromAggregate(streets.flat(), PERIOD)).toEqual(district);
  });

  test('a studio scope counts only that studio', () => {
    const studio = figuresOf({ studioId: 'st2' });
    expect([studio.counts.received, studio.counts.overdueOpen, studio.summaryLine]).toEqual([3, 1, '收集意见征询表 3 份，批办答复 1 件']);
  });

  test('a period within one month needs no $switch and yields one month', () => {
    const march = { from: cn(2026, 3, 1), to: cn(2026, 4, 1) };
    const figures = figuresFromAggregate(aggregate({ ...march, now: NOW, orgNodeId: 'd1' }));
    expect(figures.months.map((m) => [m.month, m.counts.received])).toEqual([['2026-03', 3]]);
  });

  test('an empty or reversed period is refused as invalid input', () => {
    expect(() => figuresPipeline({ from: PERIOD.to, to: PERIOD.from, now: NOW })).toThrow(AppError);
    expect(() => figuresPipeline({ from: PERIOD.from, to: PERIOD.from, now: NOW })).toThrow('统计时段不正确');
  });
});
