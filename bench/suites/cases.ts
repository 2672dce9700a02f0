/**
 * 意见征询 at scale, through the real functions (runner → wx-server-sdk → emulator, unindexed queries failing): p95 of
 * submit, the deputy inbox and 我的意见 with 1,000 and with 100,000 cases in the store, and the figures of one studio
 * for a year (one aggregation). The cases are spread as in a district: 40 studios, 20,000 residents, five years of
 * mostly archived cases; the demo seed supplies the people measured (陈建国's studio is one of the 40).
 */
import * as cloud from 'wx-server-sdk';
import type { CaseDoc, CaseState } from '../../src/shared/cases/model';
import { cases as caseActions } from '../../src/shared/contracts';
import { formatReceipt } from '../../cloud/src/domain/cases/receipt';
import { searchKeys } from '../../cloud/src/domain/cases/similar';
import { readReceiptCounter, type CounterDoc } from '../../cloud/src/functions/case/receipts';
import { withQueryFields, type StoredCase } from '../../cloud/src/functions/case/store';
import { database } from '../../cloud/src/infra/database';
import { startBenchCloud } from '../cloud';
import { caller, percentile, timeEach, type BenchSuite, type Call, type Figure } from '../types';

const STUDIOS = 40;
const RESIDENTS = 20_000;
const SAMPLES = 200;
const FIGURE_SAMPLES = 100;
const BATCH = 1000;
const YEAR = 2026;
const DAY = 86_400_000;
/** The moment the seeded history ends (2026-11-20 10:00 China time); cases are spread over the five years before. */
const SEED_END = Date.UTC(YEAR, 10, 20, 2);
const MEASURED_RESIDENT = 'o_bench_resident';
const TITLES: Array<[string, string]> = [
  ['3号楼路灯不亮', '小区3号楼门口的路灯坏了两个星期，晚上很黑'],
  ['夜间施工噪音扰民', '工地每天晚上十点以后还在施工，影响休息'],
  ['楼道堆放杂物', '二单元楼道堆满纸箱，存在消防隐患'],
  ['独居老人需要帮助', '楼上独居老人腿脚不便，希望社区上门探望'],
  ['公交站台缺少座椅', '东湖路公交站没有座椅，老人候车很辛苦'],
];

export const casesSuite: BenchSuite = {
  name: 'cases',
  notes: [
    'in-memory store; each figure is a whole function call as a mini-program makes it (runner → wx-server-sdk → emulator)',
    'the emulator reads a pinned prefix of an index in order and stops after the page: a list costs O(page), not O(store)',
  ],
  async run(progress) {
    const { stack, close } = await startBenchCloud('cases', SEED_END);
    const figures: Figure[] = [];
    try {
      const call = caller(stack);
      progress('seeding 1,000 cases');
      await seedCases(0, 1_000);
      const small = await measure(call, 'small');
      progress('seeding up to 100,000 cases');
      await seedCases(1_000, 100_000);
      const large = await measure(call, 'large');
      for (const key of Object.keys(small) as Array<keyof Measured>) {
        const [p95Small, p95Large] = [percentile(small[key], 95), percentile(large[key], 95)];
        figures.push({ name: `${key} p95, 1k cases`, value: p95Small, unit: 'ms', note: `p50 ${percentile(small[key], 50).toFixed(1)} ms` });
        figures.push({ name: `${key} p95, 100k cases`, value: p95Large, unit: 'ms', note: `p50 ${percentile(large[key], 50).toFixed(1)} ms` });
        figures.push({ name: `${key} 100k / 1k`, value: p95Large / p95Small, unit: 'x', note: key === 'figures' ? 'one aggregation per call' : 'target ≤ 2' });
      }
    } finally {
      await close();
    }
    return figures;
  },
};

/** Samples (ms) of each call. */
interface Measured {
  submit: number[];
  deputyInbox: number[];
  mine: number[];
  figures: number[];
}

let submits = 0;

/** Times each call, after a warm-up so cold starts are not counted. */
async function measure(call: Call, label: string): Promise<Measured> {
  const submit = () => {
    submits += 1;
    // One submit per resident: the hourly limit is per person.
    return call(caseActions.submit, {
      requestId: `bench-${label}-${submits}`,
      studioId: 'studio-donghu',
      category: 'help',
      title: '3号楼路灯不亮',
      content: '小区3号楼门口的路灯坏了两个星期，晚上很黑',
      contactVisibleToDeputy: false,
    }, `o_bench_submitter_${submits}`);
  };
  const inbox = () => call(caseActions.deputyInbox, {}, 'o_demo_deputy');
  const mine = () => call(caseActions.mine, {}, MEASURED_RESIDENT);
  const studioYear = () => call(caseActions.figures, { studioId: 'studio-donghu', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` }, 'o_demo_admin');
  for (const warm of [submit, inbox, mine, studioYear]) await warm();
  return {
    submit: await timeEach(SAMPLES, submit),
    deputyInbox: await timeEach(SAMPLES, inbox),
    mine: await timeEach(SAMPLES, mine),
    figures: await timeEach(FIGURE_SAMPLES, studioYear),
  };
}

/** Receipts of seeded cases use sequences up to 100,000; measured submits draw theirs above this. */
const MEASURED_RECEIPTS_FROM = 200_000;

/** Inserts synthetic cases [from, to) in batches of 1,000 (one insertDocument each) and moves the receipt counters past them. */
async function seedCases(from: number, to: number): Promise<void> {
  const db = cloud.database();
  const years = new Set<number>([new Date().getUTCFullYear()]);
  for (let start = from; start < to; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, to - start) }, (_, i) => syntheticCase(start + i));
    for (const doc of batch) years.add(Number(doc.receiptNo.slice(3, 7)));
    await db.collection('cases').add({ data: batch });
  }
  const typed = database();
  for (const year of years) {
    const { seq } = await readReceiptCounter(typed, year);
    await typed.collection<CounterDoc>('counters').doc(`receipt-${year}`).set({ _id: `receipt-${year}`, seq: Math.max(seq, MEASURED_RECEIPTS_FROM), updatedAt: SEED_END });
  }
}

const STATES: CaseState[] = ['closed', 'closed', 'closed', 'closed', 'closed', 'rated', 'rated', 'replied', 'in_progress', 'assigned', 'submitted'];

/** Case n of the synthetic history: deterministic, so both runs see the same store. */
function syntheticCase(n: number): StoredCase {
  const createdAt = SEED_END - ((n * 7919) % (5 * 365)) * DAY - (n % 86_400) * 1000;
  const year = new Date(createdAt + 8 * 3_600_000).getUTCFullYear();
  const studioId = n % STUDIOS === 0 ? 'studio-donghu' : `studio-bench-${n % STUDIOS}`;
  // The measured resident follows a handful of cases whatever the store's size.
  const reporter = n % 20_011 === 7 ? MEASURED_RESIDENT : `o_bench_resident_${n % RESIDENTS}`;
  const state = STATES[n % STATES.length];
  const [title, content] = TITLES[n % TITLES.length];
  const handled = state !== 'submitted';
  const deadlineMs = createdAt + 10 * DAY;
  const doc: CaseDoc = {
    _id: `bench-case-${n}`,
    // Sequences are unique per year: n is unique and below a million.
    receiptNo: formatReceipt(year, n + 1),
    requestId: `bench-request-${n}`,
    source: n % 9 === 0 ? 'paper' : 'online',
    reporterOpenid: reporter,
    followers: [reporter],
    studioId,
    orgPath: studioId === 'studio-donghu' ? ['org-district', 'org-donghu'] : ['org-district', `org-bench-${n % STUDIOS}`],
    category: n % 2 === 0 ? 'help' : 'complaint',
    title,
    content,
    searchKeys: searchKeys(title, content),
    photos: [],
    contactVisibleToDeputy: n % 3 === 0,
    state,
    ...(handled
      ? {
          handler: { studioId, deputyOpenid: studioId === 'studio-donghu' ? 'o_demo_deputy' : `o_bench_deputy_${n % STUDIOS}` },
          limitDays: 3,
          assignedAt: createdAt + DAY,
          deadline: new Date(deadlineMs + 8 * 3_600_000).toISOString().slice(0, 10),
        }
      : {}),
    overdue: false,
    reopenCount: 0,
    createdAt,
    updatedAt: createdAt + 2 * DAY,
    version: 3,
  };
  return withQueryFields(doc);
}
