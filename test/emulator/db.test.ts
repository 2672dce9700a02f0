/**
 * Parity suite: the real, unmodified wx-server-sdk 4.0.2 against the emulator's database, success and error cases.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postSignedAdmin } from '../support/admin';
import { startTestCloud, withEmulator, type TestCloud } from '../support/cloud';

type Row = Record<string, unknown> & { _id: string };

/** wx-server-sdk types every call as `Promise<X> | void | string` (callback overloads); without a callback it is the promise. */
function sdkResult<T>(result: Promise<T> | void | string): Promise<T> {
  if (!(result instanceof Promise)) throw new Error('wx-server-sdk did not return a promise');
  return result;
}

let cloud: TestCloud;
let workDir: string;

function manifest(dir: string, name: string, indexes: Array<{ name: string; unique?: boolean; fields: string[] }>): void {
  mkdirSync(dir, { recursive: true });
  const body = { name, indexes: indexes.map((i) => ({ name: i.name, unique: i.unique, keys: i.fields.map((field) => ({ field, direction: 1 })) })) };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(body));
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'lianxin-db-'));
  const manifests = join(workDir, 'manifests');
  manifest(manifests, 'cases', [{ name: 'studio_status', fields: ['studioId', 'status'] }]);
  manifest(manifests, 'people', [{ name: 'openid_unique', unique: true, fields: ['openid'] }]);
  cloud = await startTestCloud({ database: { manifestDir: manifests, unindexedQuery: 'fail', scanThreshold: 50 } });
});
afterAll(async () => {
  await cloud.close();
  rmSync(workDir, { recursive: true, force: true });
});

const db = () => cloud.sdk.database();
let seq = 0;
/** A fresh collection per test so tests never share state. */
async function fresh(prefix = 'c'): Promise<string> {
  const name = `${prefix}_${++seq}`;
  await sdkResult(db().createCollection(name));
  return name;
}

describe('collections', () => {
  test('a query on a collection that was never created fails with -502005', async () => {
    await expect(db().collection('never_created').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db().collection('never_created').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await expect(db().collection('never_created').count()).rejects.toMatchObject({ errCode: -502005 });
  });

  test('creating a collection that exists fails, as in production', async () => {
    const name = await fresh();
    await expect(db().createCollection(name)).rejects.toMatchObject({ errMsg: expect.stringContaining('Table exist') });
  });
});

describe('reads', () => {
  test('where / orderBy / skip / limit / field select, sort and page like production', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: [1, 2, 3, 4, 5, 6].map((n) => ({ n, even: n % 2 === 0, tag: `t${n}` })) }));
    const _ = db().command;
    const page = await sdkResult(db().collection(name).where({ even: true, n: _.gt(1) }).orderBy('n', 'desc').skip(1).limit(2).field({ n: true }).get());
    expect((page.data as Row[]).map(({ n }) => n)).toEqual([4, 2]);
    expect(Object.keys((page.data as Row[])[0]).sort()).toEqual(['_id', 'n']);
  });

  test('regular expressions and $in reach mingo as real queries', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: [{ title: '路灯坏了' }, { title: '垃圾清运' }, { title: '路面破损' }] }));
    const byRegex = await sdkResult(db().collection(name).where({ title: db().RegExp({ regexp: '^路', options: 'i' }) }).get());
    expect(byRegex.data).toHaveLength(2);
    const byIn = await sdkResult(db().collection(name).where({ title: db().command.in(['垃圾清运']) }).count());
    expect(byIn.total).toBe(1);
  });

  test('a get returns 100 documents by default and never more than 1000', async () => {
    // Its own emulator without the scan guard: listing 1,200 unfiltered documents is the point here.
    await withEmulator(cloud, { database: { unindexedQuery: 'off' } }, async (plain) => {
      await sdkResult(db().createCollection('many'));
      for (let i = 0; i < 12; i++) await sdkResult(db().collection('many').add({ data: Array.from({ length: 100 }, (_, n) => ({ n: i * 100 + n })) }));
      expect((await sdkResult(db().collection('many').get())).data).toHaveLength(100);
      expect((await sdkResult(db().collection('many').limit(1000).get())).data).toHaveLength(1000);
      const reply = await postSignedAdmin(plain.adminUrl, { action: 'database.getDocument', collectionName: 'many', queryType: 'WHERE', limit: 5000 });
      expect(((await reply.json()) as { data: { list: unknown[] } }).data.list).toHaveLength(1000);
    });
  });

  test('doc(id).get() of a missing document throws the SDK\'s "does not exist" error', async () => {
    const name = await fresh();
    await expect(db().collection(name).doc('missing').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
  });

  test('a malformed query is refused with a message naming the problem', async () => {
    const name = await fresh();
    await expect(db().collection(name).where({ n: { $nope: 1 } }).get()).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('$nope'),
    });
  });
});

describe('writes', () => {
  test('add stores db.serverDate() as the server time and returns the new _id', async () => {
    const name = await fresh();
    const before = Date.now();
    const { _id } = (await sdkResult(db().collection(name).add({ data: { at: (db().serverDate as (options: { offset: number }) => ReturnType<ReturnType<typeof db>['serverDate']>)({ offset: 60_000 }) } }))) as { _id: string };
    const { data } = await sdkResult(db().collection(name).doc(_id).get());
    const at = (data as { at: Date }).at;
    expect(at).toBeInstanceOf(Date);
    expect(at.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('adding a document with an _id that exists fails', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'same', a: 1 } }));
    await expect(db().collection(name).add({ data: { _id: 'same', a: 2 } })).rejects.toMatchObject({ errMsg: expect.stringContaining('duplicate key') });
  });

  test('doc.update applies every update operator the SDK emits', async () => {
    const name = await fresh();
    const _ = db().command;
    const { _id } = (await sdkResult(db().collection(name).add({
      data: { n: 2, m: 3, low: 5, high: 5, tags: ['a', 'b'], set: ['x'], gone: 1, nested: { a: 1 } },
    }))) as { _id: string };
    const result = await sdkResult(db().collection(name).doc(_id).update({
      data: {
        n: _.inc(3),
        m: _.mul(2),
        low: _.min(1),
        high: _.max(9),
        tags: _.push({ each: ['c', 'd'], position: 0 }),
        set: _.addToSet('x'),
        gone: _.remove(),
        'nested.b': 2,
        nested2: _.set({ z: 1 }),
      },
    }));
    expect(result.stats.updated).toBe(1);
    const { data } = await sdkResult(db().collection(name).doc(_id).get());
    expect(data).toEqual({ _id, n: 5, m: 6, low: 1, high: 9, tags: ['c', 'd', 'a', 'b'], set: ['x'], nested: { a: 1, b: 2 }, nested2: { z: 1 } });

    await sdkResult(db().collection(name).doc(_id).update({ data: { tags: _.pull('a'), set: _.pop() } }));
    await sdkResult(db().collection(name).doc(_id).update({ data: { tags: _.pullAll(['c']), set: _.push(['y']) } }));
    const after = (await sdkResult(db().collection(name).doc(_id).get())).data as Row;
    expect(after.tags).toEqual(['d', 'b']);
    expect(after.set).toEqual(['y']);
  });

  test('set replaces the whole document while update merges', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'd1', a: 1, b: 2 } }));
    await sdkResult(db().collection(name).doc('d1').update({ data: { b: 3 } }));
    expect((await sdkResult(db().collection(name).doc('d1').get())).data).toEqual({ _id: 'd1', a: 1, b: 3 });
    await sdkResult(db().collection(name).doc('d1').set({ data: { c: 4 } }));
    expect((await sdkResult(db().collection(name).doc('d1').get())).data).toEqual({ _id: 'd1', c: 4 });
  });

  test('set on a missing document creates it (upsert)', async () => {
    const name = await fresh();
    const result = await sdkResult(db().collection(name).doc('new-one').set({ data: { a: 1 } }));
    expect(result.stats).toMatchObject({ created: 1 });
    expect((await sdkResult(db().collection(name).doc('new-one').get())).data).toEqual({ _id: 'new-one', a: 1 });
  });

  test('where().update changes every match and reports how many changed', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: [{ s: 'open' }, { s: 'open' }, { s: 'closed' }] }));
    const result = await sdkResult(db().collection(name).where({ s: 'open' }).update({ data: { s: 'assigned' } }));
    expect(result.stats.updated).toBe(2);
    expect((await sdkResult(db().collection(name).where({ s: 'assigned' }).count())).total).toBe(2);
  });

  test('a conditional update by two concurrent callers has exactly one winner', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'case1', status: 'submitted' } }));
    const attempts = await Promise.all(
      ['deputyA', 'deputyB', 'deputyC'].map((who) =>
        sdkResult(db().collection(name).where({ _id: 'case1', status: 'submitted' }).update({ data: { status: 'assigned', who } })),
      ),
    );
    expect(attempts.map((a) => a.stats.updated).sort()).toEqual([0, 0, 1]);
  });

  test('remove deletes one document or every match', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: [{ _id: 'a', k: 1 }, { _id: 'b', k: 2 }, { _id: 'c', k: 2 }] }));
    expect((await sdkResult(db().collection(name).doc('a').remove())).stats.removed).toBe(1);
    expect((await sdkResult(db().collection(name).where({ k: 2 }).remove())).stats.removed).toBe(2);
    expect((await sdkResult(db().collection(name).count())).total).toBe(0);
  });
});

describe('aggregation', () => {
  test('group, lookup, unwind, sort and project run like MongoDB', async () => {
    const studios = await fresh('studios');
    const cases = await fresh('cases_agg');
    await sdkResult(db().collection(studios).add({ data: [{ _id: 's1', name: '东街工作室' }, { _id: 's2', name: '西街工作室' }] }));
    await sdkResult(db().collection(cases).add({
      data: [
        { studioId: 's1', status: 'replied', tags: ['路灯', '安全'] },
        { studioId: 's1', status: 'open', tags: ['路灯'] },
        { studioId: 's2', status: 'replied', tags: [] },
      ],
    }));
    const $ = db().command.aggregate;
    const perStudio = await sdkResult(db()
      .collection(cases)
      .aggregate()
      .group({ _id: '$studioId', received: $.sum(1), replied: $.sum($.cond({ if: $.eq(['$status', 'replied']), then: 1, else: 0 })) })
      .lookup({ from: studios, localField: '_id', foreignField: '_id', as: 'studio' })
      .unwind('$studio')
      .project({ _id: 0, name: '$studio.name', received: 1, replied: 1 })
      .sort({ name: 1 })
      .end());
    expect(perStudio.list).toEqual([
      { name: '东街工作室', received: 2, replied: 1 },
      { name: '西街工作室', received: 1, replied: 1 },
    ]);
    const tags = await sdkResult(db().collection(cases).aggregate().unwind('$tags').group({ _id: '$tags', n: $.sum(1) }).sort({ n: -1 }).end());
    expect(tags.list[0]).toEqual({ _id: '路灯', n: 2 });
  });
});

describe('transactions', () => {
  test('writes inside a transaction are invisible outside until commit', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'acc', balance: 10 } }));
    const transaction = await sdkResult(db().startTransaction());
    await transaction.collection(name).doc('acc').update({ data: { balance: 5 } });
    expect(((await transaction.collection(name).doc('acc').get()).data as Row).balance).toBe(5);
    expect(((await sdkResult(db().collection(name).doc('acc').get())).data as Row).balance).toBe(10);
    await transaction.commit();
    expect(((await sdkResult(db().collection(name).doc('acc').get())).data as Row).balance).toBe(5);
  });

  test('a rolled-back transaction leaves nothing behind', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'acc', balance: 10 } }));
    const transaction = await sdkResult(db().startTransaction());
    await transaction.collection(name).doc('acc').update({ data: { balance: 0 } });
    await transaction.collection(name).add({ data: { _id: 'extra' } });
    await transaction.rollback();
    expect(((await sdkResult(db().collection(name).doc('acc').get())).data as Row).balance).toBe(10);
    expect((await sdkResult(db().collection(name).count())).total).toBe(1);
  });

  test('a transaction that wrote a document changed since it began fails to commit with a conflict', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'acc', balance: 10 } }));
    const transaction = await sdkResult(db().startTransaction());
    await transaction.collection(name).doc('acc').get();
    await sdkResult(db().collection(name).doc('acc').update({ data: { balance: 99 } }));
    await transaction.collection(name).doc('acc').update({ data: { balance: 1 } });
    // Reported by commit: wx-server-sdk drops the error code of a failed update, and runTransaction retries on the code.
    await expect(transaction.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(((await sdkResult(db().collection(name).doc('acc').get())).data as Row).balance).toBe(99);
  });

  test('two open transactions writing the same document: the second writer cannot commit', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'seat', taken: false } }));
    const first = await sdkResult(db().startTransaction());
    const second = await sdkResult(db().startTransaction());
    await first.collection(name).doc('seat').update({ data: { taken: true, by: 'first' } });
    await second.collection(name).doc('seat').update({ data: { taken: true, by: 'second' } });
    await first.commit();
    await expect(second.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await sdkResult(db().collection(name).doc('seat').get())).data).toEqual({ _id: 'seat', taken: true, by: 'first' });
  });

  test('a write outside a transaction to a document the transaction wrote makes its commit fail with a conflict', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'acc', balance: 10 } }));
    const transaction = await sdkResult(db().startTransaction());
    await transaction.collection(name).doc('acc').update({ data: { balance: 5 } });
    await sdkResult(db().collection(name).doc('acc').update({ data: { balance: 7 } }));
    await expect(transaction.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(((await sdkResult(db().collection(name).doc('acc').get())).data as Row).balance).toBe(7);
  });

  test('runTransaction runs the callback again after a conflict and returns its value', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'acc', balance: 10 } }));
    let runs = 0;
    const result = await sdkResult(db().runTransaction(async (transaction: Awaited<ReturnType<ReturnType<typeof db>['startTransaction']>>) => {
      runs++;
      const { data } = await transaction.collection(name).doc('acc').get();
      // On the first run someone else changes the balance between our read and our write.
      if (runs === 1) await sdkResult(db().collection(name).doc('acc').update({ data: { balance: 20 } }));
      await transaction.collection(name).doc('acc').update({ data: { balance: (data as Row).balance as number + 1 } });
      return 'done';
    }));
    expect(result).toBe('done');
    expect(runs).toBe(2);
    expect(((await sdkResult(db().collection(name).doc('acc').get())).data as Row).balance).toBe(21);
  });

  test('add, set and remove inside a transaction apply together on commit', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: [{ _id: 'old', v: 1 }, { _id: 'keep', v: 1 }] }));
    const transaction = await sdkResult(db().startTransaction());
    await transaction.collection(name).add({ data: { _id: 'added', v: 2 } });
    await transaction.collection(name).doc('keep').set({ data: { v: 3 } });
    await transaction.collection(name).doc('old').remove();
    expect((await transaction.collection(name).doc('added').get()).data).toEqual({ _id: 'added', v: 2 });
    expect((await sdkResult(db().collection(name).count())).total).toBe(2);
    await transaction.commit();
    const all = await sdkResult(db().collection(name).orderBy('_id', 'asc').get());
    expect(all.data).toEqual([{ _id: 'added', v: 2 }, { _id: 'keep', v: 3 }]);
  });

  test('a where() query inside a transaction is refused: production transactions are single-document only', async () => {
    const name = await fresh();
    const transaction = await sdkResult(db().startTransaction());
    await expect(transaction.collection(name).where({ v: 1 }).get()).rejects.toMatchObject({ errMsg: expect.stringContaining('single-document') });
    await transaction.rollback();
  });

  test('runTransaction commits what the callback wrote', async () => {
    const name = await fresh();
    await sdkResult(db().collection(name).add({ data: { _id: 'acc', balance: 10 } }));
    await sdkResult(db().runTransaction(async (transaction: Awaited<ReturnType<ReturnType<typeof db>['startTransaction']>>) => {
      const { data } = await transaction.collection(name).doc('acc').get();
      await transaction.collection(name).doc('acc').update({ data: { balance: (data as Row).balance as number + 1 } });
    }));
    expect(((await sdkResult(db().collection(name).doc('acc').get())).data as Row).balance).toBe(11);
  });
});

describe('indexes', () => {
  test('a query on declared index fields examines only the matching documents', async () => {
    await sdkResult(db().createCollection('cases'));
    await sdkResult(db().collection('cases').add({
      data: Array.from({ length: 300 }, (_, n) => ({ studioId: `s${n % 30}`, status: n % 2 ? 'open' : 'replied', n })),
    }));
    const result = await sdkResult(db().collection('cases').where({ studioId: 's7', status: 'open' }).get());
    expect(result.data.length).toBeGreaterThan(0);
    expect(cloud.emulator.db.lastQueryStats()).toMatchObject({ collection: 'cases', indexUsed: 'studio_status', docsExamined: result.data.length });
  });

  test('an unindexed query on a large collection fails, naming the collection and the fields to index', async () => {
    const result = db().collection('cases').where({ n: db().command.gt(10) }).orderBy('createdAt', 'desc').get();
    await expect(result).rejects.toMatchObject({ errMsg: expect.stringMatching(/collection "cases".*\(n, createdAt\).*database\/collections\/cases\.json/) });
  });

  test('a unique index refuses a second document with the same key', async () => {
    await sdkResult(db().createCollection('people'));
    await sdkResult(db().collection('people').add({ data: { openid: 'o1' } }));
    await expect(db().collection('people').add({ data: { openid: 'o1' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('duplicate key') });
    const { _id } = (await sdkResult(db().collection('people').add({ data: { openid: 'o2' } }))) as { _id: string };
    await expect(db().collection('people').doc(_id).update({ data: { openid: 'o1' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('openid_unique') });
  });
});

describe('durable storage', () => {
  test('collections and documents survive a restart on the same data folder', async () => {
    const dataDir = join(workDir, 'durable');
    await withEmulator(cloud, { dataDir }, async () => {
      await sdkResult(db().createCollection('kept'));
      await sdkResult(db().collection('kept').add({ data: { _id: 'k', at: new Date('2026-07-01T00:00:00Z'), n: 1 } }));
      await sdkResult(db().collection('kept').doc('k').update({ data: { n: db().command.inc(1) } }));
    });
    await withEmulator(cloud, { dataDir }, async (second) => {
      expect(second.db.collections()).toContain('kept');
      expect((await sdkResult(db().collection('kept').doc('k').get())).data).toEqual({ _id: 'k', at: new Date('2026-07-01T00:00:00Z'), n: 2 });
    });
  });
});
