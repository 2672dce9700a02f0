/**
 * The emulator's own figures, measured through the real wx-server-sdk over HTTP (what every function pays):
 * awaited inserts/s and point reads/s on the durable store, 1,000 concurrent inserts, an indexed query on 1k vs 100k
 * documents — with the SDK running as inside a deployed function (SCF) — and what one call costs a script off-cloud.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cloud from 'wx-server-sdk';
import { startEmulator } from '../../emulator/server';
import { scfEnvironment, sdkEnvironment } from '../../emulator/sdk-environment';
import { percentile, timeEach, type BenchSuite, type Figure } from '../types';

const GROUPS = 100;
const QUERY_SAMPLES = 300;
const CONCURRENT = 1000;
const OFF_CLOUD_SAMPLES = 20;


type Db = ReturnType<typeof cloud.database>;

export const emulatorSuite: BenchSuite = {
  name: 'emulator',
  notes: [
    'the SDK runs as inside a deployed function (TENCENTCLOUD_RUNENV=SCF), as all Lianxin server code does in production',
    'off-cloud (any plain script) wx-server-sdk 4.0.2 probes http://metadata.tencentyun.com twice before EVERY call (30 ms timeout, ' +
      'never cached when it fails): offline each probe lasts until DNS fails or the timeout, up to ~60 ms per call, and the ' +
      'lookups pile up in libuv\'s 4-thread pool; ' +
      'inside SCF, and in functions the emulator runs, there is no probe',
  ],
  async run(progress) {
    const workDir = mkdtempSync(join(tmpdir(), 'lianxin-bench-'));
    const manifestDir = join(workDir, 'manifests');
    writeManifest(manifestDir);
    const emulator = await startEmulator({
      dataDir: join(workDir, 'data'),
      database: { manifestDir, unindexedQuery: 'fail' },
    });
    Object.assign(process.env, sdkEnvironment(emulator.adminUrl, emulator.envId));
    cloud.init({ env: emulator.envId });
    const db = cloud.database();
    const figures: Figure[] = [];
    try {
      await db.createCollection('bench_writes');
      await db.createCollection('bench_items');

      progress('awaited inserts');
      const body = 'x'.repeat(2048);
      const ids: string[] = [];
      const insertMs = await timeEach(2000, async (n) => {
        const result = (await db.collection('bench_writes').add({ data: { n, body } })) as { _id: string };
        ids.push(result._id);
      });
      figures.push({ name: 'awaited inserts (2 KB, durable)', value: rate(insertMs), unit: 'ops/s', note: `p95 ${percentile(insertMs, 95).toFixed(2)} ms` });

      progress('point reads');
      const readMs = await timeEach(2000, (i) => db.collection('bench_writes').doc(ids[i % ids.length]).get() as Promise<unknown>);
      figures.push({ name: 'point reads doc().get()', value: rate(readMs), unit: 'ops/s', note: `p95 ${percentile(readMs, 95).toFixed(2)} ms` });

      progress('concurrent inserts');
      const started = process.hrtime.bigint();
      await Promise.all(Array.from({ length: CONCURRENT }, (_, n) => db.collection('bench_writes').add({ data: { n, body } }) as Promise<unknown>));
      figures.push({ name: '1,000 concurrent inserts (2 KB, durable)', value: Number(process.hrtime.bigint() - started) / 1e6, unit: 'ms' });

      progress('indexed query on 1k documents');
      await seed(db, 0, 1_000);
      const small = await queryP50(db);
      progress('seeding to 100k documents');
      await seed(db, 1_000, 100_000);
      progress('indexed query on 100k documents');
      const large = await queryP50(db);
      figures.push({ name: 'indexed query p50, 1k docs', value: small, unit: 'ms' });
      figures.push({ name: 'indexed query p50, 100k docs', value: large, unit: 'ms' });
      figures.push({ name: 'indexed query 100k / 1k', value: large / small, unit: 'x', note: 'target ≤ 2' });

      // Last: the probes' DNS lookups may linger and must not slow the figures above.
      progress('awaited inserts off-cloud');
      for (const key of Object.keys(scfEnvironment(emulator.envId))) delete process.env[key];
      const offCloudMs = await timeEach(OFF_CLOUD_SAMPLES, (n) => db.collection('bench_writes').add({ data: { n, body } }) as Promise<unknown>);
      figures.push({
        name: 'awaited insert off-cloud (plain script)',
        value: percentile(offCloudMs, 50),
        unit: 'ms',
        note: `p50 of ${OFF_CLOUD_SAMPLES}; vs ${percentile(insertMs, 50).toFixed(2)} ms in SCF: the SDK's metadata probe, see note`,
      });
    } finally {
      await emulator.close();
      rmSync(workDir, { recursive: true, force: true });
    }
    return figures;
  },
};

function writeManifest(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'bench_items.json'),
    JSON.stringify({ name: 'bench_items', indexes: [{ name: 'group_n', keys: [{ field: 'group', direction: 1 }, { field: 'n', direction: -1 }] }] }),
  );
}

/** Inserts documents [from, to) in batches of 1,000 (one insertDocument each). */
async function seed(db: Db, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, to - start) }, (_, i) => ({
      group: `g${(start + i) % GROUPS}`,
      n: start + i,
      title: `item ${start + i}`,
    }));
    await db.collection('bench_items').add({ data: batch });
  }
}

/** Median time of "the newest 20 items of one group" — the shape of every list page. */
async function queryP50(db: Db): Promise<number> {
  const samples = await timeEach(QUERY_SAMPLES, (i) =>
    db.collection('bench_items').where({ group: `g${i % GROUPS}` }).orderBy('n', 'desc').limit(20).get() as Promise<unknown>,
  );
  return percentile(samples, 50);
}

function rate(samplesMs: number[]): number {
  const total = samplesMs.reduce((sum, ms) => sum + ms, 0);
  return Math.round((samplesMs.length * 1000) / total);
}
