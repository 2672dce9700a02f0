/**
 * Parity suite, part 2: query, update and aggregation details and the errors of every action, through the real
 * wx-server-sdk against the emulator.
 */
import { postSignedAdmin } from '../support/admin';
import type { TestCloud } from '../support/cloud';
import { sdkResult, startDatabaseCloud, type Database, type Row } from './db/support';

let cloud: TestCloud;
let db: () => Database;
let fresh: (prefix?: string) => Promise<string>;

beforeAll(async () => {
  ({ cloud, db, fresh } = await startDatabaseCloud({ database: { manifestDir: '/nonexistent', unindexedQuery: 'off' } }));
});
afterAll(() => cloud.close());

/** wx-server-sdk types the operand of _.min/_.max as number, but serialises any value (dates compare as dates). */
function dateOperand(date: Date): number {
  return date as unknown as number;
}

async function one(name: string, id: string): Promise<Row> {
  return (await sdkResult(db().collection(name).doc(id).get())).data as Row;
}

describe('every action on a collection that was never created answers -502005 with the production message', () => {
  test.each([
    ['get', () => db().collection('ghost').get()],
    ['doc get', () => db().collection('ghost').doc('x').get()],
    ['count', () => db().collection('ghost').count()],
    ['add', () => db().collection('ghost').add({ data: { a: 1 } })],
    ['doc update', () => db().collection('ghost').doc('x').update({ data: { a: 1 } })],
    ['where update', () => db().collection('ghost').where({ a: 1 }).update({ data: { a: 2 } })],
    ['doc set', () => db().collection('ghost').doc('x').set({ data: { a: 1 } })],
    ['remove', () => db().collection('ghost').where({ a: 1 }).remove()],
  ])('%s', async (_label, call) => {
    await expect(call()).rejects.toMatchObject({ errCode: -502005, errMsg: expect.stringContaining('[ResourceNotFound] Db or Table not exist: ghost') });
  });
});

test('aggregate on a collection that was never created fails with the same message (the SDK reports errCode -1 for aggregate)', async () => {
  await expect(db().collection('ghost').aggregate().match({ a: 1 }).end()).rejects.toMatchObject({
    code: 'DATABASE_COLLECTION_NOT_EXIST',
    errMsg: expect.stringContaining('[ResourceNotFound] Db or Table not exist: ghost'),
  });
});

describe('reads', () => {
  test('orderBy with several keys sorts by the first, then the next', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: [{ s: 'b', n: 1 }, { s: 'a', n: 1 }, { s: 'b', n: 3 }, { s: 'a', n: 2 }] }));
    const rows = await sdkResult(db().collection(name).orderBy('s', 'asc').orderBy('n', 'desc').field({ _id: false, s: true, n: true }).get());
    expect(rows.data).toEqual([{ s: 'a', n: 2 }, { s: 'a', n: 1 }, { s: 'b', n: 3 }, { s: 'b', n: 1 }]);
  });

  test('doc(id).field() returns only the chosen fields and _id', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'p', a: 1, b: 2, c: { d: 3 } } }));
    expect((await sdkResult(db().collection(name).doc('p').field({ a: true, 'c.d': true }).get())).data).toEqual({ _id: 'p', a: 1, c: { d: 3 } });
  });

  test('count counts only the documents matching the filter', async () => {
    const name = await fresh();
    const _ = db().command;
    await sdkResult(db().collection(name).add({ data: [{ n: 1 }, { n: 5 }, { n: 9 }, { m: 1 }] }));
    expect((await sdkResult(db().collection(name).where({ n: _.gte(5) }).count())).total).toBe(2);
    expect((await sdkResult(db().collection(name).where(_.or([{ n: 1 }, { m: _.exists(true) }])).count())).total).toBe(2);
  });

  test('dates round-trip as Date objects and compare in queries', async () => {
    const name = await fresh();
    const _ = db().command;
    await sdkResult(db().collection(name).add({ data: [{ at: new Date('2026-01-01T00:00:00Z') }, { at: new Date('2026-06-01T00:00:00Z') }] }));
    const later = await sdkResult(db().collection(name).where({ at: _.gt(new Date('2026-03-01T00:00:00Z')) }).get());
    expect(later.data.map((row) => (row as Row).at)).toEqual([new Date('2026-06-01T00:00:00Z')]);
  });

  test('an unknown query operator is refused with -502001 naming it', async () => {
    const name = await fresh();
    await expect(db().collection(name).where({ n: { $nope: 1 } }).count()).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('$nope') });
  });
});

describe('update operators', () => {
  test('push with each, position, sort and slice; unshift and shift', async () => {
    const name = await fresh();
    const _ = db().command;
    await sdkResult(db().collection(name).add({ data: { _id: 'a', scores: [5, 1, 4], queue: ['b'] } }));
    await sdkResult(db().collection(name).doc('a').update({ data: { scores: _.push({ each: [9, 0], sort: -1, slice: 3 }), queue: _.unshift(['a']) } }));
    expect(await one(name, 'a')).toMatchObject({ scores: [9, 5, 4], queue: ['a', 'b'] });
    await sdkResult(db().collection(name).doc('a').update({ data: { queue: _.shift() } }));
    expect((await one(name, 'a')).queue).toEqual(['b']);
  });

  test('addToSet with each adds only missing values; pull by condition removes matching elements', async () => {
    const name = await fresh();
    const _ = db().command;
    await sdkResult(db().collection(name).add({ data: { _id: 'a', tags: ['x'], items: [{ k: 1 }, { k: 2 }, { k: 3 }] } }));
    await sdkResult(db().collection(name).doc('a').update({ data: { tags: _.addToSet({ $each: ['x', 'y', 'z'] }), items: _.pull({ k: _.gte(2) }) } }));
    expect(await one(name, 'a')).toEqual({ _id: 'a', tags: ['x', 'y', 'z'], items: [{ k: 1 }] });
  });

  test('rename moves a field; remove() unsets a nested one; min and max compare dates', async () => {
    const name = await fresh();
    const _ = db().command;
    await sdkResult(db().collection(name).add({ data: { _id: 'a', old: 1, meta: { gone: true, kept: 1 }, first: new Date('2026-05-01'), last: new Date('2026-05-01') } }));
    await sdkResult(db().collection(name).doc('a').update({
      data: { old: _.rename('renamed'), 'meta.gone': _.remove(), first: _.min(dateOperand(new Date('2026-01-01'))), last: _.max(dateOperand(new Date('2026-02-01'))) },
    }));
    expect(await one(name, 'a')).toEqual({ _id: 'a', renamed: 1, meta: { kept: 1 }, first: new Date('2026-01-01'), last: new Date('2026-05-01') });
  });

  test('a nested object in update data is merged by dotted paths, while _.set replaces it whole', async () => {
    const name = await fresh();
    const _ = db().command;
    await sdkResult(db().collection(name).add({ data: { _id: 'a', merged: { x: 1, y: 1 }, replaced: { x: 1, y: 1 } } }));
    await sdkResult(db().collection(name).doc('a').update({ data: { merged: { y: 2 }, replaced: _.set({ y: 2 }) } }));
    expect(await one(name, 'a')).toEqual({ _id: 'a', merged: { x: 1, y: 2 }, replaced: { y: 2 } });
  });

  test('serverDate in an update is the server time plus its offset', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'a' } }));
    const before = Date.now();
    await sdkResult(db().collection(name).doc('a').update({ data: { seenAt: db().serverDate() } }));
    const seenAt = (await one(name, 'a')).seenAt as Date;
    expect(seenAt).toBeInstanceOf(Date);
    expect(seenAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  test('an update of a missing document or one that changes nothing reports updated 0', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'a', n: 1 } }));
    expect((await sdkResult(db().collection(name).doc('missing').update({ data: { n: 2 } }))).stats.updated).toBe(0);
    expect((await sdkResult(db().collection(name).doc('a').update({ data: { n: 1 } }))).stats.updated).toBe(0);
  });

  test('an unknown update operator is refused with -502001 naming it', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'a', n: 1 } }));
    await expect(db().collection(name).doc('a').update({ data: { $bogus: { n: 1 } } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('$bogus') });
  });

  test('set on an existing document reports it updated, not created', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'a', n: 1 } }));
    expect((await sdkResult(db().collection(name).doc('a').set({ data: { n: 2 } }))).stats).toEqual({ updated: 1, created: 0 });
  });

  test('a field name with a dot or a leading $ is refused and nothing is stored', async () => {
    const name = await fresh();
    await expect(db().collection(name).add({ data: [{ ok: 1 }, { nested: { 'a.b': 1 } }] })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('"a.b"') });
    expect((await sdkResult(db().collection(name).count())).total).toBe(0);
  });

  test('a batch add returns every new _id in order', async () => {
    const name = await fresh();
    const result: unknown = await sdkResult(db().collection(name).add({ data: [{ n: 1 }, { _id: 'given', n: 2 }] }));
    expect(result).toMatchObject({ _ids: [expect.stringMatching(/^[0-9a-f]{32}$/), 'given'] });
  });
});

describe('aggregation', () => {
  test('count, bucket, sortByCount, addFields, skip and limit stages run like MongoDB', async () => {
    const name = await fresh();
    const $ = db().command.aggregate;
    await sdkResult(db().collection(name).add({ data: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ n })) }));
    expect((await sdkResult(db().collection(name).aggregate().match({ n: db().command.gt(5) }).count('big').end())).list).toEqual([{ big: 3 }]);
    const buckets = await sdkResult(db().collection(name).aggregate().bucket({ groupBy: '$n', boundaries: [0, 4, 10], output: { count: $.sum(1) } }).end());
    // Lower boundaries are inclusive (4 is in the second bucket); values outside every bucket need a default.
    expect(buckets.list).toEqual([{ _id: 0, count: 3 }, { _id: 4, count: 5 }]);
    const narrow = db().collection(name).aggregate().bucket({ groupBy: '$n', boundaries: [0, 4] }).end();
    await expect(narrow).rejects.toMatchObject({ errMsg: expect.stringContaining('no default was specified') });
    const withDefault = await sdkResult(db().collection(name).aggregate().bucket({ groupBy: '$n', boundaries: [0, 4], default: 'other' }).end());
    expect(withDefault.list).toEqual([{ _id: 0, count: 3 }, { _id: 'other', count: 5 }]);
    const bySize = await sdkResult(db().collection(name).aggregate().addFields({ big: $.gt(['$n', 5]) }).sortByCount('$big').end());
    expect(bySize.list).toEqual([{ _id: false, count: 5 }, { _id: true, count: 3 }]);
    const paged = await sdkResult(db().collection(name).aggregate().sort({ n: 1 }).skip(2).limit(2).addFields({ double: $.multiply(['$n', 2]) }).project({ _id: 0 }).end());
    expect(paged.list).toEqual([{ n: 3, double: 6 }, { n: 4, double: 8 }]);
  });

  test('stages that write nested fields never change the stored documents', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'a', o: { p: 1 }, tags: ['x'] } }));
    await sdkResult(db().collection(name).aggregate().addFields({ 'o.p': 99, 'o.q': 1 }).unwind('$tags').end());
    expect(await one(name, 'a')).toEqual({ _id: 'a', o: { p: 1 }, tags: ['x'] });
  });

  test('a lookup from a collection that does not exist joins nothing', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'a', ref: 'r' } }));
    const joined = await sdkResult(db().collection(name).aggregate().lookup({ from: 'nowhere', localField: 'ref', foreignField: '_id', as: 'joined' }).end());
    expect(joined.list).toEqual([{ _id: 'a', ref: 'r', joined: [] }]);
  });

  test('an unknown stage is refused with -502001 naming it', async () => {
    const name = await fresh();
    const reply = await postSignedAdmin(cloud.emulator.adminUrl, { action: 'database.aggregateDocuments', collectionName: name, stages: [{ stageKey: '$teleport', stageValue: '{}' }] });
    expect(await reply.json()).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('$teleport') });
  });
});

describe('updateAndReturn (database.modifyAndReturnDoc)', () => {
  test('updates one matching document and answers it as it is after the update', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'a', n: 1, s: 'x' } }));
    const reply = await postSignedAdmin(cloud.emulator.adminUrl, { action: 'database.modifyAndReturnDoc', collectionName: name, queryType: 'WHERE', query: '{"s":"x"}', data: '{"$inc":{"n":{"$numberInt":"4"}}}' });
    const body = (await reply.json()) as { data: { updated: number; doc: string } };
    expect(body.data.updated).toBe(1);
    expect(JSON.parse(body.data.doc)).toEqual({ _id: 'a', n: { $numberInt: '5' }, s: 'x' });
  });
});
