/**
 * Parity suite, part 4: durable storage under <dataDir>/db — what is acknowledged is on disk, and a restart restores it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wxCloud from 'wx-server-sdk';
import { startEmulator, type Emulator } from '../../emulator/server';
import { sdkEnvironment } from '../support/cloud';
import { manifestFolder, sdkResult, type Row } from './db/support';

let dataDir: string;
const manifests = manifestFolder({ people: [{ name: 'openid_unique', unique: true, fields: ['openid'] }] });

async function start(): Promise<Emulator> {
  const emulator = await startEmulator({ dataDir, database: { manifestDir: manifests } });
  Object.assign(process.env, sdkEnvironment(emulator.adminUrl));
  wxCloud.init({ env: emulator.envId });
  return emulator;
}
const db = () => wxCloud.database();

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lianxin-db-storage-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

test('every kind of write survives a restart: collections (even empty), adds, updates, sets, removes, transactions', async () => {
  const first = await start();
  try {
    await sdkResult(db().createCollection('empty'));
    await sdkResult(db().createCollection('people'));
    await sdkResult(db().collection('people').add({ data: [{ _id: 'a', openid: 'oa', at: new Date('2026-07-01T00:00:00Z'), n: 1 }, { _id: 'b', openid: 'ob' }, { _id: 'c', openid: 'oc' }] }));
    await sdkResult(db().collection('people').doc('a').update({ data: { n: db().command.inc(1), 'deep.x': [1, 2] } }));
    await sdkResult(db().collection('people').doc('b').set({ data: { openid: 'ob', replaced: true } }));
    await sdkResult(db().collection('people').doc('c').remove());
    const transaction = await sdkResult(db().startTransaction());
    await transaction.collection('people').add({ data: { _id: 't', openid: 'ot' } });
    await transaction.commit();
  } finally {
    await first.close();
  }

  const second = await start();
  try {
    expect(second.db.collections()).toEqual(['empty', 'people']);
    const rows = await sdkResult(db().collection('people').orderBy('_id', 'asc').get());
    expect(rows.data).toEqual([
      { _id: 'a', openid: 'oa', at: new Date('2026-07-01T00:00:00Z'), n: 2, deep: { x: [1, 2] } },
      { _id: 'b', openid: 'ob', replaced: true },
      { _id: 't', openid: 'ot' },
    ]);
    // Indexes are rebuilt from the loaded documents.
    await expect(db().collection('people').add({ data: { openid: 'oa' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('openid_unique') });
    await expect(db().createCollection('empty')).rejects.toMatchObject({ errMsg: expect.stringContaining('Table exist') });
  } finally {
    await second.close();
  }
});

test('a write is in the collection file when it is acknowledged, before any close', async () => {
  const emulator = await start();
  try {
    await sdkResult(db().createCollection('notes'));
    await sdkResult(db().collection('notes').add({ data: { _id: 'n1', text: '已确认的写入' } }));
    expect(readFileSync(join(dataDir, 'db', 'notes.db'), 'utf8')).toContain('已确认的写入');
    expect(readFileSync(join(dataDir, 'db', '_catalog.db'), 'utf8')).toContain('"notes"');
  } finally {
    await emulator.close();
  }
});

test('close compacts each file to one line per live document', async () => {
  const emulator = await start();
  await sdkResult(db().createCollection('counter'));
  await sdkResult(db().collection('counter').add({ data: [{ _id: 'x', n: 0 }, { _id: 'gone' }] }));
  for (let i = 0; i < 5; i++) await sdkResult(db().collection('counter').doc('x').update({ data: { n: db().command.inc(1) } }));
  await sdkResult(db().collection('counter').doc('gone').remove());
  expect(readFileSync(join(dataDir, 'db', 'counter.db'), 'utf8').trim().split('\n').length).toBeGreaterThan(1);
  await emulator.close();
  const lines = readFileSync(join(dataDir, 'db', 'counter.db'), 'utf8').trim().split('\n');
  expect(lines.map((line) => JSON.parse(line) as Row)).toEqual([{ _id: 'x', n: 5 }]);
});
