/**
 * Typed handle over wx-server-sdk's database: collections of a document type, queries, single-document operations,
 * conditional (where) updates, aggregation and transactions — all returning plain promises and failing with CloudError.
 * Cloud functions read at most 1000 documents per get(): page with skip/limit for more.
 */
import { initCloud, isDuplicateKey, settle } from './cloud';

type SdkDatabase = ReturnType<ReturnType<typeof initCloud>['database']>;
type SdkCollection = ReturnType<SdkDatabase['collection']>;
type SdkQuery = ReturnType<SdkCollection['where']>;
type SdkDocument = ReturnType<SdkCollection['doc']>;
type SdkAggregate = ReturnType<SdkCollection['aggregate']>;

/** A stored document: `_id` is always present once read. */
export type Stored<T> = T & { _id: string };
/** A query filter: field → value, or commands built with `db.command` (`_`). */
export type Filter = Parameters<SdkQuery['where']>[0];
/** An update: field (dotted paths allowed) → value or update command (`_.inc(1)`, `_.push(...)`). */
export type UpdateData = Record<string, unknown>;
export type Projection = Record<string, boolean | 0 | 1>;

export interface Query<T> {
  where(filter: Filter): Query<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>;
  skip(offset: number): Query<T>;
  limit(max: number): Query<T>;
  field(projection: Projection): Query<T>;
  get(): Promise<Array<Stored<T>>>;
  count(): Promise<number>;
  /** Updates every match; `updated` is how many changed (check it for conditional state changes). */
  update(data: UpdateData): Promise<{ updated: number }>;
  remove(): Promise<{ removed: number }>;
}

export interface DocumentHandle<T> {
  /** The document; CloudError when it does not exist. */
  get(): Promise<Stored<T>>;
  update(data: UpdateData): Promise<{ updated: number }>;
  /** Replaces the whole document (creates it when missing). An `_id` in data is dropped: the id is doc(id)'s. */
  set(data: T): Promise<{ updated: number; created: number }>;
  remove(): Promise<{ removed: number }>;
}

export interface Collection<T> extends Query<T> {
  readonly name: string;
  doc(id: string): DocumentHandle<T>;
  /** Inserts a document; returns its _id. */
  add(data: T): Promise<string>;
  /** An aggregation pipeline: add stages, then `end()`. */
  aggregate(): Aggregation;
}

export interface Aggregation {
  match(filter: Filter): Aggregation;
  group(spec: Record<string, unknown>): Aggregation;
  sort(spec: Record<string, 1 | -1>): Aggregation;
  project(spec: Record<string, unknown>): Aggregation;
  skip(n: number): Aggregation;
  limit(n: number): Aggregation;
  unwind(path: string): Aggregation;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Aggregation;
  count(field: string): Aggregation;
  end<R = Record<string, unknown>>(): Promise<R[]>;
}

/** Inside runTransaction: single-document reads and writes only (a CloudBase rule). */
export interface TransactionCollection<T> {
  doc(id: string): {
    /** The document, or null when it does not exist. */
    get(): Promise<Stored<T> | null>;
    update(data: UpdateData): Promise<{ updated: number }>;
    set(data: T): Promise<{ updated: number; created: number }>;
    remove(): Promise<{ removed: number }>;
  };
  add(data: T): Promise<string>;
}

export interface Transaction {
  collection<T>(name: string): TransactionCollection<T>;
}

// What the SDK's transaction object offers (its runTransaction callback is typed `any`).
interface SdkTransaction {
  collection(name: string): SdkCollection;
}

export interface Database {
  collection<T>(name: string): Collection<T>;
  /** Query and update commands (`_.gt(1)`, `_.inc(1)`, `_.in([...])`, ...). */
  readonly command: SdkDatabase['command'];
  /** The server's clock at write time. */
  serverDate(): ReturnType<SdkDatabase['serverDate']>;
  RegExp: SdkDatabase['RegExp'];
  /** Runs `work` in a transaction, retried on conflict; throwing inside aborts it. */
  runTransaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R>;
}

/** The typed database of the current cloud environment. */
export function database(): Database {
  const db = initCloud().database();
  return {
    collection: <T>(name: string) => collection<T>(db.collection(name)),
    command: db.command,
    serverDate: () => db.serverDate(),
    RegExp: db.RegExp,
    runTransaction: <R>(work: (tx: Transaction) => Promise<R>) =>
      settle<R>(db.runTransaction((tx: SdkTransaction) => work(transaction(tx)))),
  };
}

function collection<T>(ref: SdkCollection): Collection<T> {
  return {
    ...query<T>(ref),
    name: ref.collectionName,
    doc: (id) => documentHandle<T>(ref.doc(id)),
    add: async (data) => String((await settle(ref.add({ data: data as Record<string, unknown> })))._id),
    aggregate: () => aggregation(ref.aggregate()),
  };
}

function query<T>(ref: SdkQuery): Query<T> {
  return {
    where: (filter) => query<T>(ref.where(filter)),
    orderBy: (field, order) => query<T>(ref.orderBy(field, order)),
    skip: (offset) => query<T>(ref.skip(offset)),
    limit: (max) => query<T>(ref.limit(max)),
    field: (projection) => query<T>(ref.field(projection)),
    get: async () => (await settle(ref.get())).data.map((doc) => stored<T>(doc)),
    count: async () => (await settle(ref.count())).total,
    update: async (data) => ({ updated: (await settle(ref.update({ data }))).stats.updated }),
    remove: async () => ({ removed: (await settle(ref.remove({ query: {} }))).stats.removed }),
  };
}

function documentHandle<T>(ref: SdkDocument): DocumentHandle<T> {
  return {
    get: async () => stored<T>((await settle(ref.get())).data),
    update: async (data) => ({ updated: (await settle(ref.update({ data }))).stats.updated }),
    set: async (data) => (await settle(ref.set({ data: withoutId(data) }))).stats,
    remove: async () => ({ removed: (await settle(ref.remove())).stats.removed }),
  };
}

function transaction(tx: SdkTransaction): Transaction {
  return {
    collection: <T>(name: string): TransactionCollection<T> => {
      const ref = tx.collection(name);
      return {
        doc: (id) => {
          const doc = documentHandle<T>(ref.doc(id));
          // In a transaction the SDK reports a missing document as data: null rather than failing.
          return { ...doc, get: async () => { const data = (await settle(ref.doc(id).get())).data; return data ? stored<T>(data) : null; } };
        },
        add: async (data) => String((await settle(ref.add({ data: data as Record<string, unknown> })))._id),
      };
    },
  };
}

function aggregation(ref: SdkAggregate): Aggregation {
  const next = (stage: SdkAggregate): Aggregation => aggregation(stage);
  return {
    match: (filter) => next(ref.match(filter)),
    group: (spec) => next(ref.group(spec)),
    sort: (spec) => next(ref.sort(spec)),
    project: (spec) => next(ref.project(spec)),
    skip: (n) => next(ref.skip(n)),
    limit: (n) => next(ref.limit(n)),
    unwind: (path) => next(ref.unwind(path)),
    lookup: (spec) => next(ref.lookup(spec)),
    count: (field) => next(ref.count(field)),
    end: async <R>() => (await settle(ref.end())).list as R[],
  };
}

/** The cloud refuses `_id` inside set() data (-501007 不能更新_id的值). */
function withoutId(data: unknown): Record<string, unknown> {
  const { _id: _ignored, ...rest } = data as Record<string, unknown>;
  return rest;
}

/** The SDK types documents as `Record<string, any>`: this is the one place they become the caller's type. */
function stored<T>(doc: Record<string, unknown>): Stored<T> {
  return doc as Stored<T>;
}

/** The most documents one get() returns in the cloud. */
export const PAGE_MAX = 1000;

/**
 * Every document an ordered query matches, read page by page (skip/limit, 1000 a get). Read all pages before changing
 * any: a change that moves a document out of the filter would shift later pages. With `max`, more than that many
 * matches throws `tooMany()` as soon as a page passes it (an export refused before it reads everything).
 */
export async function readAll<T>(query: Query<T>, limits?: { max: number; tooMany: () => Error }): Promise<Array<Stored<T>>> {
  const all: Array<Stored<T>> = [];
  for (;;) {
    const page = await query.skip(all.length).limit(PAGE_MAX).get();
    all.push(...page);
    if (limits && all.length > limits.max) throw limits.tooMany();
    if (page.length < PAGE_MAX) return all;
  }
}

/**
 * Spends one unit of a counted allowance (`{ _id, n }`, e.g. one per user and hour), or answers false when `limit` are
 * spent. Held under concurrency: a unit counts only when the conditional `_.inc` changed the document, so the database
 * decides one update at a time; the first spender creates the document (with `fields`) holding one unit spent.
 */
export async function spendAllowance<T extends { n: number }>(
  collection: Collection<T>,
  id: string,
  limit: number,
  fields: Omit<T, '_id' | 'n'>,
  command: Database['command'],
): Promise<boolean> {
  const take = async () => (await collection.where({ _id: id, n: command.lt(limit) }).update({ n: command.inc(1) })).updated === 1;
  if (await take()) return true;
  try {
    await collection.add({ ...fields, _id: id, n: 1 } as unknown as T);
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  // It existed (spent) or a concurrent first spender created it: one more try decides.
  return take();
}
