/**
 * A write is on the disk — flushed, not only handed to the OS — before the SDK call that made it returns: every
 * commit fdatasyncs its collection's file (one flush per commit, a batch of documents included) and the reply waits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wxCloud from 'wx-server-sdk';
import { startEmulator, type Emulator } from '../../emulator/server';
import { fsyncFile } from '../../emulator/db/sync';
import { sdkEnvironment } from '../support/cloud';
import { manifestFolder, sdkResult } from './db/support';

let dataDir: string;
let emulator: Emulator;
const synced: string[] = [];
let gate: Promise<void> | null = null;
const manifests = manifestFolder({ people: [] });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lianxin-db-fsync-'));
  emulator = await startEmulator({
    dataDir,
    database: {
      manifestDir: manifests,
      sync: async (file) => {
        synced.push(file);
        if (gate) await gate;
        await fsyncFile(file);
      },
    },
  });
  Object.assign(process.env, sdkEnvironment(emulator.adminUrl));
  wxCloud.init({ env: emulator.envId });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('creating a collection, adding, updating and removing each flush the file before answering', async () => {
  const db = wxCloud.database();
  await sdkResult(db.createCollection('people'));
  expect(synced.pop()).toBe(join(dataDir, 'db', '_catalog.db'));
  await sdkResult(db.collection('people').add({ data: [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }, { _id: 'c', n: 3 }] }));
  await sdkResult(db.collection('people').doc('a').update({ data: { n: 5 } }));
  await sdkResult(db.collection('people').doc('b').remove());
  // Three documents in one add are one commit, one flush.
  expect(synced.splice(0)).toEqual(Array(3).fill(join(dataDir, 'db', 'people.db')));
});

test('the reply waits for the flush: while the disk has not confirmed, the caller has no answer', async () => {
  let release: () => void = () => undefined;
  gate = new Promise((resolve) => (release = resolve));
  let answered = false;
  const write = sdkResult(wxCloud.database().collection('people').add({ data: { _id: 'late', n: 9 } })).then(() => (answered = true));
  while (synced.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(answered).toBe(false);
  gate = null;
  release();
  await write;
  expect(answered).toBe(true);
  synced.splice(0);
});
