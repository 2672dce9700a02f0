/**
 * Parity suite, part 3: declared indexes — lookups that do not scan, uniqueness, and the unindexed-query guard.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import { withEmulator, type TestCloud } from '../support/cloud';
import { manifestFolder, sdkResult, startDatabaseCloud, writeManifest, type Database, type Row } from './db/support';

let cloud: TestCloud;
let db: () => Database;
const logged: string[] = [];

const manifests = manifestFolder({
  cases: [{ name: 'studio_status', fields: ['studioId', 'status'] }],
  members: [{ name: 'openid_unique', unique: true, fields: ['openid'] }],
  big: [{ name: 'kind_n', fields: ['kind', 'n'] }],
});

beforeAll(async () => {
  ({ cloud, db } = await startDatabaseCloud({ database: { manifestDir: manifests, unindexedQuery: 'fail', scanThreshold: 1000 }, log: (line) => logged.push(line) }));
  await sdkResult(db().createCollection('big'));
  for (let batch = 0; batch < 5; batch++) {
    const data = Array.from({ length: 1000 }, (_, i) => ({ _id: `d${batch * 1000 + i}`, kind: `k${i % 50}`, n: batch * 1000 + i, free: i % 7 }));
    await sdkResult(db().collection('big').add({ data }));
  }
});
afterAll(() => cloud.close());

const stats = () => cloud.emulator.db.lastQueryStats();

describe('index-backed queries examine only the candidates', () => {
  test('an equality on the leading field of a compound index reads only its documents out of 5,000', async () => {
    const result = await sdkResult(db().collection('big').where({ kind: 'k7' }).limit(1000).get());
    expect(result.data).toHaveLength(100);
    expect(stats()).toEqual({ collection: 'big', indexUsed: 'kind_n', docsExamined: 100 });
  });

  test('a range on the next field filters the equality candidates', async () => {
    const _ = db().command;
    const result = await sdkResult(db().collection('big').where({ kind: 'k7', n: _.gte(4000) }).orderBy('n', 'asc').get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual([4007, 4057, 4107, 4157, 4207, 4257, 4307, 4357, 4407, 4457, 4507, 4557, 4607, 4657, 4707, 4757, 4807, 4857, 4907, 4957]);
    // The index is ordered by n within each kind: only the 20 documents of the range are read.
    expect(stats()).toMatchObject({ indexUsed: 'kind_n', docsExamined: 20 });
  });

  test('$in on the leading field unions the matching keys', async () => {
    const _ = db().command;
    expect((await sdkResult(db().collection('big').where({ kind: _.in(['k1', 'k2']), n: _.lt(1000) }).count())).total).toBe(40);
    // The filter is nothing but the index's keys: counted from the index, no document read.
    expect(stats()).toMatchObject({ indexUsed: 'kind_n', docsExamined: 0 });
  });

  test('_id equality and _id $in read only those documents', async () => {
    const _ = db().command;
    const result = await sdkResult(db().collection('big').where({ _id: _.in(['d1', 'd2', 'nope']) }).get());
    expect(result.data).toHaveLength(2);
    expect(stats()).toEqual({ collection: 'big', indexUsed: '_id_', docsExamined: 2 });
  });

  test('updates and removes use the index too', async () => {
    const _ = db().command;
    const updated = await sdkResult(db().collection('big').where({ kind: 'k9', n: _.lt(100) }).update({ data: { touched: true } }));
    expect(updated.stats.updated).toBe(2);
    expect(stats()).toMatchObject({ indexUsed: 'kind_n', docsExamined: 2 });
  });

  test('an aggregation whose leading $match is indexed examines only the candidates', async () => {
    const $ = db().command.aggregate;
    const result = await sdkResult(db().collection('big').aggregate().match({ kind: 'k3' }).group({ _id: null, total: $.sum('$n') }).end());
    expect(result.list).toEqual([{ _id: null, total: Array.from({ length: 100 }, (_, i) => 3 + 50 * i).reduce((a, b) => a + b, 0) }]);
    expect(stats()).toMatchObject({ indexUsed: 'kind_n', docsExamined: 100 });
  });
});

describe('the unindexed-query guard (fail mode, threshold 1,000)', () => {
  const named = /未建索引的查询.*collection "big" scanned 5000 docs; declare an index on \(free\) in database\/collections\/big\.json/;

  test('a get on a field no index covers fails, naming the collection and the field', async () => {
    await expect(db().collection('big').where({ free: 3 }).get()).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(named) });
  });

  test('count, update, remove and an aggregation leading $match are guarded the same way', async () => {
    await expect(db().collection('big').where({ free: 3 }).count()).rejects.toMatchObject({ errMsg: expect.stringMatching(named) });
    await expect(db().collection('big').where({ free: 3 }).update({ data: { x: 1 } })).rejects.toMatchObject({ errMsg: expect.stringMatching(named) });
    await expect(db().collection('big').where({ free: 3 }).remove()).rejects.toMatchObject({ errMsg: expect.stringMatching(named) });
    await expect(db().collection('big').aggregate().match({ free: 3 }).end()).rejects.toMatchObject({ errMsg: expect.stringMatching(named) });
    expect((await sdkResult(db().collection('big').count())).total).toBe(5000);
  });

  test('a sort with no index is named too', async () => {
    await expect(db().collection('big').orderBy('free', 'desc').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('declare an index on (free)') });
  });

  test('listing a page without a filter or sort is not a scan, and a range on an index leading field is served', async () => {
    const _ = db().command;
    expect((await sdkResult(db().collection('big').get())).data).toHaveLength(100);
    expect((await sdkResult(db().collection('big').where({ kind: _.lt('k1') }).count())).total).toBe(100);
  });

  test('in warn mode the query is answered and one line names the collection and the fields', async () => {
    await withEmulator(cloud, { database: { manifestDir: manifests, scanThreshold: 10 }, log: (line) => logged.push(line) }, async () => {
      await sdkResult(db().createCollection('cases'));
      await sdkResult(db().collection('cases').add({ data: Array.from({ length: 20 }, (_, i) => ({ studioId: 's1', status: 'open', priority: i % 3 })) }));
      logged.length = 0;
      const result = await sdkResult(db().collection('cases').where({ priority: 1, title: db().RegExp({ regexp: '.' }) }).get());
      expect(result.data).toHaveLength(0);
      expect(logged).toEqual([expect.stringMatching(/WARNING 未建索引的查询.*collection "cases" scanned 20 docs; declare an index on \(priority, title\) in database\/collections\/cases\.json/)]);
    });
  });
});

describe('unique indexes', () => {
  test('a second document with the same key is refused, by add, update and set', async () => {
    await sdkResult(db().createCollection('members'));
    await sdkResult(db().collection('members').add({ data: { _id: 'm1', openid: 'o1' } }));
    await sdkResult(db().collection('members').add({ data: { _id: 'm2', openid: 'o2' } }));
    const duplicate = { errCode: -502001, errMsg: expect.stringContaining('E11000 duplicate key error collection: members index: openid_unique dup key: { openid: "o1" }') };
    await expect(db().collection('members').add({ data: { openid: 'o1' } })).rejects.toMatchObject(duplicate);
    await expect(db().collection('members').doc('m2').update({ data: { openid: 'o1' } })).rejects.toMatchObject(duplicate);
    await expect(db().collection('members').doc('m3').set({ data: { openid: 'o1' } })).rejects.toMatchObject(duplicate);
    await expect(db().collection('members').add({ data: [{ openid: 'o9' }, { openid: 'o9' }] })).rejects.toMatchObject({ errMsg: expect.stringContaining('dup key: { openid: "o9" }') });
    expect((await sdkResult(db().collection('members').count())).total).toBe(2);
  });

  test('as in MongoDB, a missing field counts as null: only one document may lack it', async () => {
    await sdkResult(db().collection('members').add({ data: { name: 'no openid' } }));
    await expect(db().collection('members').add({ data: { name: 'another' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('dup key: { openid: null }') });
  });

  test('a document may keep its own key when it is updated', async () => {
    await sdkResult(db().collection('members').doc('m1').update({ data: { openid: 'o1', nickname: 'x' } }));
    expect((await sdkResult(db().collection('members').doc('m1').get())).data).toEqual({ _id: 'm1', openid: 'o1', nickname: 'x' });
  });
});

describe('declaring indexes', () => {
  test('indexes declared at runtime serve queries at once', async () => {
    cloud.emulator.db.declareIndexes('big', [{ name: 'free_1', keys: [{ field: 'free', direction: 1 }] }]);
    expect((await sdkResult(db().collection('big').where({ free: 3 }).count())).total).toBeGreaterThan(0);
    expect(stats()).toMatchObject({ indexUsed: 'free_1' });
  });

  test('a unique index cannot be declared over documents that already break it', () => {
    expect(() => cloud.emulator.db.declareIndexes('big', [{ name: 'kind_unique', unique: true, keys: [{ field: 'kind', direction: 1 }] }])).toThrow(/duplicate key.*kind_unique/);
  });

  test('a malformed declaration is refused with the problem named', () => {
    expect(() => cloud.emulator.db.declareIndexes('big', [{ name: 'bad', keys: [{ field: 'x', direction: 2 }] }])).toThrow(/direction/);
  });

  test('the repository manifests load by default: users carry a unique code', async () => {
    await withEmulator(cloud, {}, async (plain) => {
      expect(plain.db.declaredCollections()).toContain('users');
      await plain.db.createCollection('users');
      await plain.db.createCollection('users');
      await sdkResult(db().collection('users').add({ data: { _id: 'oA', code: 'ABC234' } }));
      await expect(db().collection('users').add({ data: { _id: 'oB', code: 'ABC234' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('code_unique') });
    });
  });

  test('a manifest with an unknown key stops the emulator with a message naming the file', async () => {
    const dir = manifestFolder({});
    writeManifest(dir, 'ok', [{ name: 'a', fields: ['a'] }]);
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ name: 'typo', indexs: [] }));
    await expect(startEmulator({ dataDir: null, database: { manifestDir: dir } })).rejects.toThrow(/typo\.json.*indexs/);
  });
});
