/**
 * The local store must never lose an acknowledged write: the emulator is killed with SIGKILL (no shutdown hook runs)
 * while or right after 1,000 concurrent writes, then restarted on the same data folder.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cloud from 'wx-server-sdk';
import { sdkEnvironment } from '../support/cloud';
import { killHard, spawnEmulator, type EmulatorProcess } from '../support/process';

const WRITES = 1000;
let workDir: string;
let dataDir: string;
let proc: EmulatorProcess | null = null;

/** The CLI on `dataDir` with an empty functions folder: cloudfunctions/ may be rebuilt by another test meanwhile. */
function spawnStore(): Promise<EmulatorProcess> {
  return spawnEmulator(dataDir, { LIANXIN_FUNCTIONS: join(workDir, 'functions') });
}

function pointSdkAt(adminUrl: string): ReturnType<typeof cloud.database> {
  Object.assign(process.env, sdkEnvironment(adminUrl));
  cloud.init({ env: 'lianxin-local' });
  return cloud.database();
}

async function storedIds(db: ReturnType<typeof cloud.database>, collection: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const page = (await db.collection(collection).skip(offset).limit(1000).field({ _id: true }).get()) as { data: { _id: string }[] };
    page.data.forEach((doc) => ids.add(doc._id));
    if (page.data.length < 1000) return ids;
  }
}

function add(db: ReturnType<typeof cloud.database>, data: Record<string, unknown>): Promise<string> {
  return (db.collection('writes').add({ data }) as Promise<{ _id: string }>).then((result) => result._id);
}

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'lianxin-durability-'));
  dataDir = join(workDir, 'data');
  mkdirSync(join(workDir, 'functions'));
});
afterEach(async () => {
  if (proc) await killHard(proc);
  proc = null;
  rmSync(workDir, { recursive: true, force: true });
});

test('all 1,000 concurrently acknowledged writes survive a kill -9 and restart', async () => {
  proc = await spawnStore();
  let db = pointSdkAt(proc.adminUrl);
  await db.createCollection('writes');

  const ids = await Promise.all(Array.from({ length: WRITES }, (_, n) => add(db, { n, body: 'x'.repeat(2048) })));
  await killHard(proc);

  proc = await spawnStore();
  db = pointSdkAt(proc.adminUrl);
  const stored = await storedIds(db, 'writes');
  expect(stored.size).toBe(WRITES);
  expect(ids.filter((id) => !stored.has(id))).toEqual([]);
});

test('a kill -9 in the middle of 1,000 concurrent writes loses none of those already acknowledged', async () => {
  proc = await spawnStore();
  let db = pointSdkAt(proc.adminUrl);
  await db.createCollection('writes');

  const acknowledged: string[] = [];
  const running = proc;
  const writes = Array.from({ length: WRITES }, (_, n) =>
    add(db, { n }).then((id) => {
      acknowledged.push(id);
      // Pull the plug once half the writes are acknowledged: the rest are in flight or not yet answered.
      if (acknowledged.length === WRITES / 2) void killHard(running);
    }),
  );
  await Promise.allSettled(writes);
  const ackedBeforeKill = [...acknowledged];

  proc = await spawnStore();
  db = pointSdkAt(proc.adminUrl);
  const stored = await storedIds(db, 'writes');
  expect(ackedBeforeKill.length).toBeGreaterThanOrEqual(WRITES / 2);
  expect(ackedBeforeKill.filter((id) => !stored.has(id))).toEqual([]);
});
