/**
 * 政治生日 at scale, through the real functions (runner → wx-server-sdk → emulator, unindexed queries failing):
 * - the day's selection (members whose anniversary is today, by the indexed `joinedMonthDay`) with 1,000 and with
 *   100,000 members, the same 275 of them joined on 1 July (the others spread over the other days of the year, about
 *   275 a day): p95 and the ratio, with round trips per selection — what grows is the roster, not the day's answer;
 * - the day's run at 100,000 members (about 275 birthdays): the `birthday` timer publishing the day's job, then one
 *   `push` worker fire delivering it — slices used, and each part's time and round trips.
 */
import * as cloud from 'wx-server-sdk';
import type { LocalStack } from '../../scripts/local/stack';
import { addDays } from '../../src/shared/calendar';
import type { OrgNodeDoc } from '../../src/shared/identity';
import { birthdayRepo, birthdayJobId } from '../../cloud/src/infra/birthdays';
import { database } from '../../cloud/src/infra/database';
import { startBenchCloud } from '../cloud';
import { diff, percentile, timeEach, type BenchSuite, type Figure } from '../types';

const NOW = Date.UTC(2026, 10, 20, 2);
/** 1 July 2026, 09:00 China time: the day's run. */
const RUN_AT = Date.UTC(2026, 6, 1, 1);
const STREET = 'org-bench-bday';
const BATCH = 1000;
const PER_BRANCH = 200;
const SAMPLES = 100;
const QUERIES = ['database.queryDocument', 'database.calculateDocument', 'database.aggregateDocuments', 'database.getDocument'];

export const birthdaySuite: BenchSuite = {
  name: 'birthday',
  notes: [
    'the same 275 members have their political birthday on 1 July at both sizes; the other 99,725 spread over the other days (about 275 a day)',
    'at this size a selection\'s time is mostly its answer (275 members\' fields over the wire): ids alone take about a quarter of it',
    'selection is one indexed equality on joinedMonthDay (two values on 28 February of a common year), pages of 1,000',
  ],
  async run(progress) {
    const { stack, close } = await startBenchCloud('bday', NOW);
    const figures: Figure[] = [];
    try {
      progress('seeding 1,000 members');
      await seedBranches(0, 500);
      await seedMembers(0, 1_000);
      const small = await selection(stack);

      progress('seeding up to 100,000 members');
      await seedMembers(1_000, 100_000);
      const large = await selection(stack);
      figures.push({ name: 'selection p95, 1k members', value: percentile(small.samples, 95), unit: 'ms', note: `${small.found} birthdays, ${small.trips} round trips` });
      figures.push({ name: 'selection p95, 100k members', value: percentile(large.samples, 95), unit: 'ms', note: `${large.found} birthdays, ${large.trips} round trips` });
      figures.push({ name: 'selection 100k / 1k', value: percentile(large.samples, 95) / percentile(small.samples, 95), unit: 'x', note: 'target ≤ 2' });

      progress('the day\'s run at 100,000 members');
      figures.push(...(await dayRun(stack)));
    } finally {
      await close();
    }
    return figures;
  },
};

/** The day's selection (1 July) as the run makes it: p95 over many runs, members found, round trips per selection. */
async function selection(stack: LocalStack): Promise<{ samples: number[]; found: number; trips: number }> {
  const repo = birthdayRepo(database());
  const before = stack.emulator.adminCalls();
  const found = (await repo.onMonthDays(['07-01'])).length;
  const trips = diff(before, stack.emulator.adminCalls(), QUERIES);
  return { samples: await timeEach(SAMPLES, () => repo.onMonthDays(['07-01'])), found, trips };
}

async function dayRun(stack: LocalStack): Promise<Figure[]> {
  const runner = stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  const all = Object.keys(stack.emulator.adminCalls());
  let before = stack.emulator.adminCalls();
  let started = Date.now();
  const run = (await runner.fireTrigger('birthday', new Date(RUN_AT))) as { reachable: number; created: boolean };
  const runMs = Date.now() - started;
  const runTrips = diff(before, stack.emulator.adminCalls(), all);
  if (!run.created) throw new Error('the day\'s run made no job');

  before = stack.emulator.adminCalls();
  started = Date.now();
  await runner.fireTrigger('push', new Date(RUN_AT + 60_000));
  const sliceMs = Date.now() - started;
  const sliceTrips = diff(before, stack.emulator.adminCalls(), Object.keys(stack.emulator.adminCalls()));
  const found = (await cloud.database().collection('push_jobs').where({ _id: birthdayJobId('2026-07-01') }).get()) as unknown as { data: Array<{ status: string; slices: number; counts: { reached: number } }> };
  const [job] = found.data;
  return [
    { name: 'day\'s run at 100k: birthdays greeted', value: job.counts.reached, unit: 'members', note: `of ${run.reachable}; job ${job.status}` },
    { name: 'day\'s run at 100k: slices used', value: job.slices, unit: 'slices', note: 'target 1' },
    { name: 'day\'s run at 100k: birthday timer', value: runMs, unit: 'ms', note: `${runTrips} round trips: select, publish` },
    { name: 'day\'s run at 100k: worker slice', value: sliceMs, unit: 'ms', note: `${sliceTrips} round trips, ${(sliceTrips / Math.max(1, job.counts.reached)).toFixed(1)} per member` },
  ];
}

const branchId = (n: number): string => `${STREET}-b${n}`;

async function seedBranches(from: number, to: number): Promise<void> {
  const orgs = cloud.database().collection('orgs');
  if (from === 0) await orgs.add({ data: { _id: STREET, name: '压测街道（政治生日）', kind: 'street', parentId: 'org-district', path: ['org-district', STREET], order: 91 } satisfies OrgNodeDoc });
  const nodes: OrgNodeDoc[] = [];
  for (let n = from; n < to; n += 1) nodes.push({ _id: branchId(n), name: `第${n + 1}党支部`, kind: 'branch', parentId: STREET, path: ['org-district', STREET, branchId(n)], order: n });
  for (let i = 0; i < nodes.length; i += BATCH) await orgs.add({ data: nodes.slice(i, i + BATCH) });
}

/** The members joined on 1 July: the first 275, so both roster sizes have the same day's answer. */
const JULY_FIRST = 275;

/** Roster entries n in [from, to), 200 per branch, bound; join years 1970–2019; beyond the first 275 no one on 1 July. */
async function seedMembers(from: number, to: number): Promise<void> {
  const db = cloud.database();
  for (let start = from; start < to; start += BATCH) {
    const entries = [];
    for (let n = start; n < Math.min(to, start + BATCH); n += 1) {
      const branch = branchId(Math.floor(n / PER_BRANCH));
      const spread = addDays('2001-01-01', n % 365);
      const day = n < JULY_FIRST ? '2001-07-01' : spread === '2001-07-01' ? '2001-07-02' : spread;
      const joinedAt = `${1970 + ((n * 7) % 50)}${day.slice(4)}`;
      entries.push({
        _id: `${STREET}-r${n}`,
        branchId: branch,
        orgPath: ['org-district', STREET, branch],
        name: `党员${n}`,
        gender: '',
        phone: '',
        joinedAt,
        joinedMonthDay: day.slice(5),
        confirmedAt: '',
        category: '正式',
        status: '正常',
        tags: [],
        key: `${STREET}|${n}`,
        boundOpenid: `o_bench_bday_${n}`,
        boundAt: NOW,
        createdAt: NOW,
        updatedAt: NOW,
      });
    }
    await db.collection('roster').add({ data: entries });
  }
}
