/**
 * The figures pipeline sent through the REAL wx-server-sdk's chained aggregate API to the emulator: cases inserted with
 * the SDK, the pipeline turned into `.match().group().sort().end()`, the same figures as mingo run directly.
 */
import { Aggregator, ProcessingMode } from 'mingo';
import { figuresFromAggregate, figuresPipeline } from '../../cloud/src/domain/cases/figures';
import { chainPipeline, runPipeline } from '../../cloud/src/infra/aggregate';
import { database } from '../../cloud/src/infra/database';
import type { CaseDoc } from '../../src/shared/cases/model';
import { startTestCloud, type TestCloud } from '../support/cloud';

const HOUR = 3_600_000;
const cn = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 8 * HOUR;
const NOW = cn(2026, 6, 20, 10);
const PERIOD = { from: cn(2026, 4, 1), to: cn(2026, 7, 1) };

function caseDoc(n: number, fields: Partial<CaseDoc> & Pick<CaseDoc, 'createdAt' | 'state'>): CaseDoc {
  return {
    _id: `case-${n}`,
    receiptNo: `LS-2026-${String(n).padStart(6, '0')}`,
    requestId: `req-${n}`,
    source: 'paper',
    reporterOpenid: '',
    followers: [],
    studioId: 'st1',
    orgPath: ['d1', 's1', 'c1'],
    category: '求助',
    title: '楼道堆物',
    content: '三单元楼道堆满杂物',
    photos: [],
    contactVisibleToDeputy: true,
    overdue: false,
    reopenCount: 0,
    updatedAt: fields.createdAt,
    version: 1,
    ...fields,
  };
}

const cases: CaseDoc[] = [
  caseDoc(1, { createdAt: cn(2026, 4, 3), state: 'closed', assignedAt: cn(2026, 4, 3, 12), deadline: '2026-04-08', firstRepliedAt: cn(2026, 4, 7), repliedOnTime: true, rating: { attitude: 4, solved: 'yes', at: cn(2026, 4, 9) } }),
  caseDoc(2, { createdAt: cn(2026, 5, 31, 23), state: 'replied', assignedAt: cn(2026, 6, 1), deadline: '2026-06-04', firstRepliedAt: cn(2026, 6, 8), repliedOnTime: false }),
  caseDoc(3, { createdAt: cn(2026, 6, 1), state: 'assigned', assignedAt: cn(2026, 6, 2), deadline: '2026-06-05', overdue: true }),
  caseDoc(4, { createdAt: cn(2026, 6, 18), state: 'submitted', studioId: 'st2', orgPath: ['d1', 's2', 'c7'] }),
  caseDoc(5, { createdAt: cn(2026, 6, 10), state: 'submitted', orgPath: ['d9'] }),
];

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, { TCB_ENV: cloud.emulator.envId, TCB_CONTEXT_KEYS: 'TCB_ENV' });
  await cloud.emulator.db.ensureCollection('cases');
  for (const doc of cases) await database().collection<CaseDoc>('cases').add(doc);
});
afterAll(() => cloud.close());

const query = { ...PERIOD, now: NOW, orgNodeId: 'd1' };
const viaSdk = () => runPipeline(database().collection<CaseDoc>('cases').aggregate(), figuresPipeline(query));

test('the figures pipeline runs through the SDK aggregate API and counts the scope and period', async () => {
  const figures = figuresFromAggregate(await viaSdk(), PERIOD);
  expect(figures.summaryLine).toBe('收集意见征询表 4 份，批办答复 2 件');
  expect(figures.counts).toMatchObject({ received: 4, assigned: 3, answered: 2, onTime: 1, open: 2, overdueOpen: 1, answerBase: 3, rated: 1, satisfied: 1 });
  expect(figures.rates).toMatchObject({ response: 0.75, answer: 2 / 3, satisfaction: 0.5 });
  expect(figures.months.map((m) => [m.month, m.counts.received])).toEqual([['2026-04', 1], ['2026-05', 1], ['2026-06', 2]]);
});

test('the SDK round trip gives exactly what mingo computes over the same documents', async () => {
  const direct = new Aggregator(figuresPipeline(query), { processingMode: ProcessingMode.CLONE_INPUT }).run(cases);
  expect(await viaSdk()).toEqual(JSON.parse(JSON.stringify(direct)));
});

test('a stage the SDK cannot send ($facet) is refused by name before anything is sent', () => {
  const aggregation = database().collection('cases').aggregate();
  expect(() => chainPipeline(aggregation, [{ $facet: { all: [{ $count: 'n' }] } }])).toThrow(/\$facet cannot be sent through wx-server-sdk/);
  expect(() => chainPipeline(aggregation, [{ $match: {}, $limit: 1 }])).toThrow(/exactly one key/);
});

test('other stages of a plain pipeline become their chained calls', async () => {
  const rows = await runPipeline<{ _id: string }>(database().collection('cases').aggregate(), [
    { $match: { state: 'submitted' } },
    { $project: { _id: 1 } },
    { $sort: { _id: -1 } },
    { $skip: 0 },
    { $limit: 1 },
  ]);
  expect(rows).toEqual([{ _id: 'case-5' }]);
});
