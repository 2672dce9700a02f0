/**
 * Ordered index reads: a query that pins the leading field(s) of an index and sorts on the next one reads that index
 * in order and stops after the page — and answers exactly what an unindexed scan answers. All through the real
 * wx-server-sdk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wxCloud from 'wx-server-sdk';
import { SortedList } from '../../emulator/db/sorted-list';
import { startEmulator, type Emulator } from '../../emulator/server';
import { sdkEnvironment, type TestCloud } from '../support/cloud';
import { manifestFolder, sdkResult, startDatabaseCloud, type Database, type Row } from './db/support';

let cloud: TestCloud;
let db: () => Database;
let fresh: (prefix?: string) => Promise<string>;

beforeAll(async () => {
  ({ cloud, db, fresh } = await startDatabaseCloud({ database: { manifestDir: manifestFolder({}), unindexedQuery: 'off' } }));
});
afterAll(() => cloud.close());

const stats = () => cloud.emulator.db.lastQueryStats();

type Key = { field: string; direction: 1 | -1 };
const key = (field: string, direction: 1 | -1 = 1): Key => ({ field, direction });

/** A new collection with the given indexes (name → keys). */
async function indexed(indexes: Record<string, Key[]>, prefix = 'ord'): Promise<string> {
  const name = await fresh(prefix);
  cloud.emulator.db.declareIndexes(name, Object.entries(indexes).map(([indexName, keys]) => ({ name: indexName, keys })));
  return name;
}

async function addAll(name: string, docs: Row[]): Promise<void> {
  for (let start = 0; start < docs.length; start += 500) await sdkResult(db().collection(name).add({ data: docs.slice(start, start + 500) }));
}

/** Deterministic pseudo-random numbers (mulberry32): the same queries on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a pinned prefix sorted on the next key reads only the page', () => {
  let items: string;
  const _ = () => db().command;

  beforeAll(async () => {
    items = await indexed({ group_n: [key('group'), key('n', -1)], tag_1: [key('tag')] });
    const docs = Array.from({ length: 5000 }, (_, n) => ({ _id: `i${n}`, group: `g${n % 10}`, n, odd: n % 2 === 1, ...(n === 4321 ? { tag: 'rare' } : {}) }));
    await addAll(items, docs);
  });

  test('newest first (the declared direction) examines skip + limit documents out of 500 in the group', async () => {
    const result = await sdkResult(db().collection(items).where({ group: 'g3' }).orderBy('n', 'desc').skip(40).limit(20).get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual(Array.from({ length: 20 }, (_, i) => 4993 - 10 * (40 + i)));
    expect(stats()).toEqual({ collection: items, indexUsed: 'group_n', docsExamined: 60 });
  });

  test('oldest first reads the same index backwards, just as cheaply', async () => {
    const result = await sdkResult(db().collection(items).where({ group: 'g3' }).orderBy('n', 'asc').skip(40).limit(20).get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual(Array.from({ length: 20 }, (_, i) => 3 + 10 * (40 + i)));
    expect(stats()).toEqual({ collection: items, indexUsed: 'group_n', docsExamined: 60 });
  });

  test('a range on the sorted key starts the read at its bound', async () => {
    const result = await sdkResult(db().collection(items).where({ group: 'g7', n: _().lte(2000) }).orderBy('n', 'desc').limit(5).get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual([1997, 1987, 1977, 1967, 1957]);
    expect(stats()).toMatchObject({ indexUsed: 'group_n', docsExamined: 5 });

    const between = await sdkResult(db().collection(items).where({ group: 'g7', n: _().gt(1000).and(_().lt(1100)) }).orderBy('n', 'asc').limit(100).get());
    expect((between.data as Row[]).map((row) => row.n)).toEqual([1007, 1017, 1027, 1037, 1047, 1057, 1067, 1077, 1087, 1097]);
    expect(stats()).toMatchObject({ indexUsed: 'group_n', docsExamined: 10 });
  });

  test('$in on the pinned field merges the groups in order, still reading only the page', async () => {
    const result = await sdkResult(db().collection(items).where({ group: _().in(['g1', 'g2', 'g5']) }).orderBy('n', 'desc').limit(7).get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual([4995, 4992, 4991, 4985, 4982, 4981, 4975]);
    expect(stats()).toMatchObject({ indexUsed: 'group_n', docsExamined: 7 });
  });

  test('the rest of the filter is tested on each document read: a walk that examines k documents reports k', async () => {
    const result = await sdkResult(db().collection(items).where({ group: _().in(['g0', 'g1']), odd: true }).orderBy('n', 'desc').limit(10).get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual([4991, 4981, 4971, 4961, 4951, 4941, 4931, 4921, 4911, 4901]);
    // g0 holds only even numbers, g1 only odd ones: the merge reads one of each pair.
    expect(stats()).toMatchObject({ indexUsed: 'group_n', docsExamined: 19 });
  });

  test('a far more selective index wins over the ordered read once the read has examined as many documents', async () => {
    const result = await sdkResult(db().collection(items).where({ group: 'g1', tag: 'rare' }).orderBy('n', 'desc').limit(20).get());
    expect(result.data).toEqual([{ _id: 'i4321', group: 'g1', n: 4321, odd: true, tag: 'rare' }]);
    // The ordered read gives up after 1 document (the size of tag_1's bucket), then tag_1 reads its 1.
    expect(stats()).toEqual({ collection: items, indexUsed: 'tag_1', docsExamined: 2 });
  });

  test('a sort on the leading key without any filter reads the top of the index', async () => {
    const name = await indexed({ n_1: [key('n')] });
    await addAll(name, Array.from({ length: 3000 }, (_, i) => ({ _id: `d${i}`, n: (i * 7919) % 3000 })));
    const result = await sdkResult(db().collection(name).orderBy('n', 'desc').limit(3).get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual([2999, 2998, 2997]);
    expect(stats()).toEqual({ collection: name, indexUsed: 'n_1', docsExamined: 3 });
  });

  test('a sort key pinned to one value orders nothing: a compound orderBy is still read from the index', async () => {
    const result = await sdkResult(db().collection(items).where({ group: 'g4' }).orderBy('group', 'asc').orderBy('n', 'asc').limit(3).get());
    expect((result.data as Row[]).map((row) => row.n)).toEqual([4, 14, 24]);
    expect(stats()).toMatchObject({ indexUsed: 'group_n', docsExamined: 3 });
  });

  test('a count the index answers alone reads no document, nor does counting a whole collection; with other conditions it reads only the slice', async () => {
    expect((await sdkResult(db().collection(items).where({ group: 'g2' }).count())).total).toBe(500);
    expect(stats()).toEqual({ collection: items, indexUsed: 'group_n', docsExamined: 0 });
    expect((await sdkResult(db().collection(items).where({ group: _().in(['g2', 'g3']), n: _().gte(4000) }).count())).total).toBe(200);
    expect(stats()).toMatchObject({ indexUsed: 'group_n', docsExamined: 0 });
    expect((await sdkResult(db().collection(items).where({ group: 'g2', n: _().gte(4000), odd: false }).count())).total).toBe(100);
    expect(stats()).toMatchObject({ indexUsed: 'group_n', docsExamined: 100 });
    expect((await sdkResult(db().collection(items).count())).total).toBe(5000);
    expect(stats()).toEqual({ collection: items, indexUsed: null, docsExamined: 0 });
  });
});

describe('values sort as a scan sorts them (MongoDB\'s type order)', () => {
  const mixed: Row[] = [
    { _id: 'date', k: 'x', v: new Date('2026-05-01T00:00:00Z') },
    { _id: 'true', k: 'x', v: true },
    { _id: 'str-b', k: 'x', v: 'b' },
    { _id: 'num-10', k: 'x', v: 10 },
    { _id: 'null', k: 'x', v: null },
    { _id: 'obj', k: 'x', v: { a: 1 } },
    { _id: 'false', k: 'x', v: false },
    { _id: 'missing', k: 'x' },
    { _id: 'num-2.5', k: 'x', v: 2.5 },
    { _id: 'str-A', k: 'x', v: 'A' },
    { _id: 'num--3', k: 'x', v: -3 },
    { _id: 'date-early', k: 'x', v: new Date('2020-01-01T00:00:00Z') },
  ];
  // null and a missing field tie, so they keep the collection's order both ways.
  const ascending = ['null', 'missing', 'num--3', 'num-2.5', 'num-10', 'str-A', 'str-b', 'obj', 'false', 'true', 'date-early', 'date'];

  test('null = missing < numbers < strings < objects < booleans < dates, both ways, read from the index', async () => {
    const name = await indexed({ k_v: [key('k'), key('v')] });
    await addAll(name, mixed);
    const up = await sdkResult(db().collection(name).where({ k: 'x' }).orderBy('v', 'asc').get());
    expect((up.data as Row[]).map((row) => row._id)).toEqual(ascending);
    expect(stats()).toMatchObject({ indexUsed: 'k_v', docsExamined: mixed.length });
    const down = await sdkResult(db().collection(name).where({ k: 'x' }).orderBy('v', 'desc').get());
    expect((down.data as Row[]).map((row) => row._id)).toEqual([...ascending.slice(2).reverse(), 'null', 'missing']);
  });

  test('a range selects only values of its bound\'s type', async () => {
    const name = await indexed({ k_v: [key('k'), key('v', -1)] });
    await addAll(name, mixed);
    const _ = db().command;
    const numbers = await sdkResult(db().collection(name).where({ k: 'x', v: _.gt(-100) }).orderBy('v', 'asc').get());
    expect((numbers.data as Row[]).map((row) => row._id)).toEqual(['num--3', 'num-2.5', 'num-10']);
    expect(stats()).toMatchObject({ indexUsed: 'k_v', docsExamined: 3 });
    const dates = await sdkResult(db().collection(name).where({ k: 'x', v: _.lte(new Date('2030-01-01T00:00:00Z')) }).orderBy('v', 'desc').get());
    expect((dates.data as Row[]).map((row) => row._id)).toEqual(['date', 'date-early']);
    const strings = await sdkResult(db().collection(name).where({ k: 'x', v: _.gte('B') }).count());
    expect(strings.total).toBe(1);
  });

  test('equal keys come back in the collection\'s order whichever way the index is read', async () => {
    const name = await indexed({ k_v: [key('k'), key('v', -1)] });
    await addAll(name, ['e', 'a', 'd', 'b', 'c'].flatMap((letter) => [{ _id: `${letter}1`, k: 'x', v: 1 }, { _id: `${letter}2`, k: 'x', v: 2 }]));
    const up = await sdkResult(db().collection(name).where({ k: 'x' }).orderBy('v', 'asc').get());
    expect((up.data as Row[]).map((row) => row._id)).toEqual(['e1', 'a1', 'd1', 'b1', 'c1', 'e2', 'a2', 'd2', 'b2', 'c2']);
    const down = await sdkResult(db().collection(name).where({ k: 'x' }).orderBy('v', 'desc').skip(3).limit(4).get());
    expect((down.data as Row[]).map((row) => row._id)).toEqual(['b2', 'c2', 'e1', 'a1']);
    expect(stats()).toMatchObject({ indexUsed: 'k_v', docsExamined: 7 });
  });
});

describe('writes keep the order right', () => {
  test('updates that move the sort key, replacements and removes are seen by the next ordered read', async () => {
    const name = await indexed({ owner_at: [key('owner'), key('at', -1)] });
    await addAll(name, Array.from({ length: 50 }, (_, i) => ({ _id: `c${i}`, owner: i % 2 ? 'o1' : 'o2', at: i })));
    const _ = db().command;
    await sdkResult(db().collection(name).doc('c1').update({ data: { at: 100 } }));
    await sdkResult(db().collection(name).doc('c49').remove());
    await sdkResult(db().collection(name).doc('c2').set({ data: { owner: 'o1', at: 47.5 } }));
    await sdkResult(db().collection(name).where({ owner: 'o1', at: _.lt(10) }).update({ data: { at: _.inc(1000) } }));
    const page = await sdkResult(db().collection(name).where({ owner: 'o1' }).orderBy('at', 'desc').limit(8).get());
    expect((page.data as Row[]).map((row) => [row._id, row.at])).toEqual([
      ['c9', 1009], ['c7', 1007], ['c5', 1005], ['c3', 1003], ['c1', 100], ['c2', 47.5], ['c47', 47], ['c45', 45],
    ]);
    expect(stats()).toMatchObject({ indexUsed: 'owner_at', docsExamined: 8 });
    expect((await sdkResult(db().collection(name).where({ owner: 'o2' }).count())).total).toBe(24);
  });

  test('a transaction\'s write moves the document only once committed; an aborted one leaves the order alone', async () => {
    const name = await indexed({ owner_at: [key('owner'), key('at', -1)] });
    await addAll(name, [{ _id: 'a', owner: 'o', at: 1 }, { _id: 'b', owner: 'o', at: 2 }, { _id: 'c', owner: 'o', at: 3 }]);
    const newest = async (): Promise<unknown[]> => ((await sdkResult(db().collection(name).where({ owner: 'o' }).orderBy('at', 'desc').get())).data as Row[]).map((row) => row._id);

    const transaction = await sdkResult(db().startTransaction());
    await transaction.collection(name).doc('a').update({ data: { at: 10 } });
    expect(await newest()).toEqual(['c', 'b', 'a']);
    await transaction.commit();
    expect(await newest()).toEqual(['a', 'c', 'b']);

    const aborted = await sdkResult(db().startTransaction());
    await aborted.collection(name).doc('b').update({ data: { at: 99 } });
    await aborted.rollback();
    expect(await newest()).toEqual(['a', 'c', 'b']);

    await sdkResult(db().runTransaction(async (inside: Awaited<ReturnType<Database['startTransaction']>>) => {
      await inside.collection(name).doc('c').remove();
    }));
    expect(await newest()).toEqual(['a', 'b']);
  });

  test('an array in the sorted field turns ordered reads off for that field (the scan\'s answer), and back on once it is gone', async () => {
    const name = await indexed({ k_v: [key('k'), key('v')] });
    await addAll(name, Array.from({ length: 30 }, (_, i) => ({ _id: `d${i}`, k: 'x', v: i })));
    await sdkResult(db().collection(name).doc('d5').update({ data: { v: [100, -1] } }));
    const withArray = await sdkResult(db().collection(name).where({ k: 'x' }).orderBy('v', 'asc').limit(3).get());
    // As mingo sorts an array ascending: by its smallest element.
    expect((withArray.data as Row[]).map((row) => row._id)).toEqual(['d5', 'd0', 'd1']);
    expect(stats()).toMatchObject({ indexUsed: 'k_v', docsExamined: 30 });
    await sdkResult(db().collection(name).doc('d5').update({ data: { v: 5 } }));
    const without = await sdkResult(db().collection(name).where({ k: 'x' }).orderBy('v', 'asc').limit(3).get());
    expect((without.data as Row[]).map((row) => row._id)).toEqual(['d0', 'd1', 'd2']);
    expect(stats()).toMatchObject({ indexUsed: 'k_v', docsExamined: 3 });
  });

  test('an array on the pinned field (a follower list) is read in order, each document once', async () => {
    const name = await indexed({ followers_at: [key('followers'), key('at', -1)] });
    await addAll(name, Array.from({ length: 40 }, (_, i) => ({ _id: `c${i}`, followers: i % 3 === 0 ? ['u1', 'u2'] : [`u${1 + (i % 2)}`], at: i })));
    const _ = db().command;
    const mine = await sdkResult(db().collection(name).where({ followers: 'u1' }).orderBy('at', 'desc').limit(4).get());
    expect((mine.data as Row[]).map((row) => row.at)).toEqual([39, 38, 36, 34]);
    expect(stats()).toMatchObject({ indexUsed: 'followers_at', docsExamined: 4 });
    const either = await sdkResult(db().collection(name).where({ followers: _.in(['u1', 'u2']) }).orderBy('at', 'desc').limit(5).get());
    expect((either.data as Row[]).map((row) => row.at)).toEqual([39, 38, 37, 36, 35]);
    expect((await sdkResult(db().collection(name).where({ followers: _.in(['u1', 'u2']) }).count())).total).toBe(40);
    expect(stats()).toMatchObject({ indexUsed: 'followers_at', docsExamined: 0 });
  });
});

describe('the chunked sorted list under an index bucket', () => {
  test('20,000 random inserts and removes, then inserts at both ends, keep it equal to a sorted array, read forwards, backwards and from any boundary', () => {
    const next = random(7);
    const list = new SortedList<number>((a, b) => a - b);
    const model: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      if (model.length > 0 && next() < 0.4) {
        const [gone] = model.splice(Math.floor(next() * model.length), 1);
        expect(list.remove(gone, (other) => other === gone)).toBe(true);
      } else {
        const value = next() * 1e6;
        list.insert(value);
        const at = model.findIndex((other) => other > value);
        model.splice(at < 0 ? model.length : at, 0, value);
      }
    }
    // Then the common case of new documents: each lands at one end.
    for (let i = 1; i <= 1000; i++) {
      list.insert(1e6 + i);
      model.push(1e6 + i);
      list.insert(-i);
      model.unshift(-i);
    }
    expect(list.size).toBe(model.length);
    expect([...list.range(0, list.size)]).toEqual(model);
    expect([...list.range(0, list.size, true)]).toEqual([...model].reverse());
    const cut = model[Math.floor(model.length / 3)];
    const start = list.boundary((value) => value < cut);
    expect(start).toBe(Math.floor(model.length / 3));
    expect(list.slice(start, start + 700)).toEqual(model.slice(start, start + 700));
    expect([...list.range(start, start + 700, true)]).toEqual(model.slice(start, start + 700).reverse());
    expect(list.remove(-1, () => false)).toBe(false);
  });
});

describe('durable mode', () => {
  let dataDir: string;
  const manifests = manifestFolder({});
  const indexes = [{ name: 'owner_at', keys: [key('owner'), key('at', -1)] }];

  async function start(): Promise<Emulator> {
    const emulator = await startEmulator({ dataDir, database: { manifestDir: manifests } });
    emulator.db.declareIndexes('notes', indexes);
    Object.assign(process.env, sdkEnvironment(emulator.adminUrl));
    wxCloud.init({ env: emulator.envId });
    return emulator;
  }

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lianxin-db-order-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    Object.assign(process.env, sdkEnvironment(cloud.emulator.adminUrl));
    wxCloud.init({ env: cloud.emulator.envId });
  });

  test('a restart rebuilds the ordered index from disk, with every update and removal applied', async () => {
    const first = await start();
    try {
      await sdkResult(wxCloud.database().createCollection('notes'));
      await sdkResult(wxCloud.database().collection('notes').add({ data: Array.from({ length: 200 }, (_, i) => ({ _id: `n${i}`, owner: `o${i % 4}`, at: i })) }));
      await sdkResult(wxCloud.database().collection('notes').doc('n0').update({ data: { at: 500 } }));
      await sdkResult(wxCloud.database().collection('notes').doc('n196').remove());
    } finally {
      await first.close();
    }
    const second = await start();
    try {
      const page = await sdkResult(wxCloud.database().collection('notes').where({ owner: 'o0' }).orderBy('at', 'desc').limit(4).get());
      expect((page.data as Row[]).map((row) => row._id)).toEqual(['n0', 'n192', 'n188', 'n184']);
      expect(second.db.lastQueryStats()).toEqual({ collection: 'notes', indexUsed: 'owner_at', docsExamined: 4 });
      const oldest = await sdkResult(wxCloud.database().collection('notes').where({ owner: 'o0' }).orderBy('at', 'asc').limit(2).get());
      expect((oldest.data as Row[]).map((row) => row._id)).toEqual(['n4', 'n8']);
    } finally {
      await second.close();
    }
  });
});

describe('the same answers as an unindexed scan (seeded random queries)', () => {
  const GROUPS = ['a0', 'a1', 'a2', 'a3'];
  const TAGS = ['x', 'y', 'z'];
  const DATES = [new Date('2026-01-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')];
  let next: () => number;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number): boolean => next() < p;
  const int = (below: number): number => Math.floor(next() * below);

  /** A sort value of any stored type, often equal to others (ties), sometimes missing. */
  function value(): unknown {
    const roll = next();
    if (roll < 0.45) return int(25);
    if (roll < 0.55) return int(10) + 0.5;
    if (roll < 0.7) return `c${int(12).toString().padStart(2, '0')}`;
    if (roll < 0.78) return pick(DATES);
    if (roll < 0.84) return null;
    if (roll < 0.9) return chance(0.5);
    return undefined;
  }

  function doc(n: number): Row {
    const row: Row = { _id: `r${n}`, a: pick(GROUPS), d: int(10) };
    if (chance(0.85)) row.b = int(3);
    const c = value();
    if (c !== undefined) row.c = c;
    if (chance(0.8)) row.tags = TAGS.filter(() => chance(0.4));
    return row;
  }

  interface RandomQuery {
    where: Record<string, unknown>;
    order: Array<[string, 'asc' | 'desc']>;
    skip: number;
    limit: number;
  }

  function rangeBound(): unknown {
    const roll = next();
    if (roll < 0.6) return int(25);
    if (roll < 0.8) return `c${int(12).toString().padStart(2, '0')}`;
    if (roll < 0.9) return pick(DATES);
    return null;
  }

  function query(): RandomQuery {
    const _ = db().command;
    const where: Record<string, unknown> = {};
    if (chance(0.75)) where.a = chance(0.7) ? pick(GROUPS) : _.in(GROUPS.filter(() => chance(0.5)));
    if (chance(0.4)) where.b = chance(0.7) ? int(3) : _.in([int(3), int(3)]);
    if (chance(0.45)) {
      const roll = next();
      if (roll < 0.25) where.c = _.gte(rangeBound());
      else if (roll < 0.5) where.c = _.lt(rangeBound());
      else if (roll < 0.75) where.c = _.gt(rangeBound()).and(_.lte(rangeBound()));
      else where.c = _.lte(rangeBound());
    }
    if (chance(0.3)) where.tags = chance(0.6) ? pick(TAGS) : _.in([pick(TAGS), pick(TAGS)]);
    if (chance(0.3)) where.d = chance(0.5) ? _.neq(int(10)) : _.gt(int(10));
    const orders: Array<Array<[string, 'asc' | 'desc']>> = [
      [], [['c', 'asc']], [['c', 'desc']], [['b', 'desc'], ['c', 'asc']], [['b', 'asc'], ['c', 'desc']], [['a', 'asc'], ['c', 'asc']],
      [['d', 'asc']], [['c', 'desc'], ['d', 'asc']], [['a', 'asc'], ['b', 'desc'], ['c', 'asc']], [['b', 'asc']], [['a', 'desc']],
    ];
    return { where, order: pick(orders), skip: chance(0.5) ? 0 : int(30), limit: 1 + int(40) };
  }

  /** The page and the count; `read` is what the page's query examined. */
  async function run(name: string, q: RandomQuery): Promise<{ rows: unknown[]; total: number; read: ReturnType<typeof stats> }> {
    let cursor = db().collection(name).where(q.where);
    for (const [field, direction] of q.order) cursor = cursor.orderBy(field, direction);
    const rows = (await sdkResult(cursor.skip(q.skip).limit(q.limit).get())).data;
    const read = stats();
    const total = (await sdkResult(db().collection(name).where(q.where).count())).total;
    return { rows, total, read };
  }

  async function bothWrite(names: string[], write: (name: string) => Promise<unknown>): Promise<void> {
    for (const name of names) await write(name);
  }

  test('300 random filters, orders, skips and limits over 1,000 documents, with writes between rounds, answer identically; most are read in order', async () => {
    next = random(20261121);
    const ordered = await indexed({
      a_b_c: [key('a'), key('b', -1), key('c')],
      a_c: [key('a'), key('c', -1)],
      tags_c: [key('tags'), key('c', -1)],
      c_1: [key('c')],
    }, 'prop');
    const scanned = await fresh('scan');
    const names = [ordered, scanned];
    let count = 1000;
    const docs = Array.from({ length: count }, (_, n) => doc(n));
    await bothWrite(names, (name) => addAll(name, docs));
    let short = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 60; i++) {
        const q = query();
        const expected = await run(scanned, q);
        const actual = await run(ordered, q);
        expect({ q, rows: actual.rows, total: actual.total }).toEqual({ q, rows: expected.rows, total: expected.total });
        if (actual.read.indexUsed !== null && actual.read.docsExamined < count / 4) short++;
      }
      // Between rounds: moved sort keys, moved groups, removals and new documents, the same on both sides.
      const _ = db().command;
      for (let i = 0; i < 25; i++) {
        const id = `r${int(count)}`;
        const c = value();
        const change = chance(0.5) ? { c: c === undefined ? _.remove() : c } : { a: pick(GROUPS), b: int(3), tags: [pick(TAGS)] };
        await bothWrite(names, (name) => sdkResult(db().collection(name).doc(id).update({ data: change })));
      }
      for (let i = 0; i < 10; i++) {
        const id = `r${int(count)}`;
        await bothWrite(names, (name) => sdkResult(db().collection(name).doc(id).remove()));
      }
      const added = Array.from({ length: 20 }, (_, i) => doc(count + i));
      count += added.length;
      await bothWrite(names, (name) => addAll(name, added));
    }
    // Most queries of this mix pin or sort on an index: far fewer documents examined than the collection holds.
    expect(short).toBeGreaterThan(200);
  });
});
