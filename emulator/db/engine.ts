/**
 * The database engine behind the /admin database actions: collections that exist only once created, queries and
 * updates with MongoDB semantics (mingo), index-backed lookups with a scan counter, and transactions.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';
import { Aggregator, Query, update as applyUpdate } from 'mingo';
import { AdminError } from '../protocol';
import { Collection } from './collection';
import { isPlainObject, type Doc } from './ejson';
import { shapeOf, type IndexSpec } from './indexes';

export interface QueryStats {
  collection: string;
  docsExamined: number;
  indexUsed: string | null;
}

export interface EngineOptions {
  dataDir: string | null;
  indexSpecs: Map<string, IndexSpec[]>;
  unindexedQuery: 'warn' | 'fail' | 'off';
  scanThreshold: number;
  log: (line: string) => void;
}

export interface FindOptions {
  order?: Doc;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

interface Transaction {
  /** collection → id → the document as written by this transaction (null: deleted). */
  writes: Map<string, Map<string, Doc | null>>;
  /** collection → id → version seen when the transaction first touched it. */
  seen: Map<string, Map<string, number>>;
}

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export class Engine {
  private readonly collections = new Map<string, Collection>();
  private readonly transactions = new Map<string, Transaction>();
  private catalog: Datastore<{ _id: string; createdAt: Date }> | null = null;
  private stats: QueryStats = { collection: '', docsExamined: 0, indexUsed: null };

  private constructor(private readonly options: EngineOptions) {}

  static async open(options: EngineOptions): Promise<Engine> {
    const engine = new Engine(options);
    if (options.dataDir) {
      const dir = join(options.dataDir, 'db');
      mkdirSync(dir, { recursive: true });
      engine.catalog = new Datastore({ filename: join(dir, '_catalog.db') });
      await engine.catalog.loadDatabaseAsync();
      for (const entry of engine.catalog.getAllData()) await engine.openCollection(entry._id);
    }
    return engine;
  }

  names(): string[] {
    return [...this.collections.keys()].sort();
  }

  lastQueryStats(): QueryStats {
    return { ...this.stats };
  }

  /** db.createCollection: production refuses a name that exists. */
  async createCollection(name: string): Promise<void> {
    if (!NAME.test(name)) throw new AdminError('INVALID_PARAM', `集合名称不合法: ${name}`);
    if (this.collections.has(name)) throw new AdminError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`);
    await this.catalog?.insertAsync({ _id: name, createdAt: new Date() });
    await this.openCollection(name);
  }

  async close(): Promise<void> {
    for (const collection of this.collections.values()) await collection.compact();
    if (this.catalog) await this.catalog.compactDatafileAsync();
  }

  // ---- reads -------------------------------------------------------------------------------------------------

  /** A page of matching documents (copies), at most MAX_LIMIT as in production. */
  find(name: string, filter: Doc, options: FindOptions, transactionId?: string): Doc[] {
    const docs = this.candidates(name, filter, options.order, transactionId);
    let cursor = new Query(filter).find<Doc>(docs, options.projection && Object.keys(options.projection).length > 0 ? options.projection : undefined);
    if (options.order && Object.keys(options.order).length > 0) cursor = cursor.sort(options.order as Record<string, 1 | -1>);
    if (options.offset) cursor = cursor.skip(options.offset);
    cursor = cursor.limit(Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT));
    return cursor.all().map((doc) => structuredClone(doc));
  }

  /** Every matching document (for updates and removes, which are not paged). */
  private matching(name: string, filter: Doc, multi: boolean, transactionId?: string): Doc[] {
    const cursor = new Query(filter).find<Doc>(this.candidates(name, filter, undefined, transactionId));
    return (multi ? cursor : cursor.limit(1)).all();
  }

  count(name: string, filter: Doc): number {
    return new Query(filter).find(this.candidates(name, filter)).all().length;
  }

  aggregate(name: string, pipeline: Doc[]): Doc[] {
    const first = pipeline[0];
    const leadingMatch = first && isPlainObject(first.$match) ? first.$match : {};
    const docs = this.candidates(name, leadingMatch);
    const aggregator = new Aggregator(pipeline, {
      collectionResolver: (other: string) => [...this.collection(other).docs.values()],
    });
    return aggregator.run(docs).map((doc) => structuredClone(doc as Doc));
  }

  // ---- writes ------------------------------------------------------------------------------------------------

  async insert(name: string, docs: Doc[], transactionId?: string): Promise<string[]> {
    const collection = this.collection(name);
    const prepared = docs.map((doc) => {
      const id = doc._id === undefined ? newId() : doc._id;
      if (typeof id !== 'string' && typeof id !== 'number') throw new AdminError('INVALID_PARAM', '_id 必须是字符串或数字');
      return { ...doc, _id: String(id) };
    });
    const transaction = this.transaction(transactionId);
    if (transaction) {
      for (const doc of prepared) {
        if (this.visible(name, doc._id, transaction)) throw duplicateId(name, doc._id);
        this.stage(transaction, collection, doc._id, doc);
      }
      return prepared.map((doc) => doc._id);
    }
    return collection.exclusive(async () => {
      const changes = new Map<string, Doc | null>();
      for (const doc of prepared) {
        if (collection.docs.has(doc._id) || changes.has(doc._id)) throw duplicateId(name, doc._id);
        changes.set(doc._id, doc);
      }
      await collection.commit(changes);
      return prepared.map((doc) => doc._id);
    });
  }

  /**
   * modifyDocument: `merge` applies update operators, otherwise `data` replaces the document (doc.set).
   * `upsert` inserts when nothing matches a DOC query.
   */
  async modify(
    name: string,
    filter: Doc,
    data: Doc,
    flags: { multi: boolean; merge: boolean; upsert: boolean },
    transactionId?: string,
  ): Promise<{ updated: number; upsertedId?: string }> {
    const collection = this.collection(name);
    const operators = Object.keys(data).some((key) => key.startsWith('$'));
    if (flags.merge && !operators) throw new AdminError('DATABASE_REQUEST_FAILED', '[FailedOperation] update data must use update operators');
    if (!flags.merge && operators) throw new AdminError('DATABASE_REQUEST_FAILED', '[FailedOperation] replacement document must not contain update operators');
    if (!flags.merge && '_id' in data && data._id !== filter._id) throw new AdminError('INVALID_PARAM', '不能更新_id的值');

    const transaction = this.transaction(transactionId);
    const run = async (): Promise<{ updated: number; upsertedId?: string }> => {
      const matches = this.matching(name, filter, flags.multi, transactionId);
      const changes = new Map<string, Doc | null>();
      let updated = 0;
      for (const before of matches) {
        const id = String(before._id);
        const after = flags.merge ? updateCopy(before, data) : { ...data, _id: id };
        if (!after) continue;
        if (!isEqual(before, after)) updated++;
        changes.set(id, after);
      }
      let upsertedId: string | undefined;
      if (matches.length === 0 && flags.upsert) {
        upsertedId = typeof filter._id === 'string' ? filter._id : newId();
        const seed: Doc = { _id: upsertedId };
        const created = flags.merge ? updateCopy(seed, data) : { ...data, _id: upsertedId };
        changes.set(upsertedId, created ?? seed);
      }
      if (transaction) for (const [id, doc] of changes) this.stage(transaction, collection, id, doc);
      else if (changes.size > 0) await collection.commit(changes);
      return upsertedId === undefined ? { updated } : { updated, upsertedId };
    };
    return transaction ? run() : collection.exclusive(run);
  }

  async remove(name: string, filter: Doc, multi: boolean, transactionId?: string): Promise<number> {
    const collection = this.collection(name);
    const transaction = this.transaction(transactionId);
    const run = async (): Promise<number> => {
      const matches = this.matching(name, filter, multi, transactionId);
      const changes = new Map<string, Doc | null>(matches.map((doc) => [String(doc._id), null]));
      if (transaction) for (const id of changes.keys()) this.stage(transaction, collection, id, null);
      else if (changes.size > 0) await collection.commit(changes);
      return changes.size;
    };
    return transaction ? run() : collection.exclusive(run);
  }

  // ---- transactions -------------------------------------------------------------------------------------------

  startTransaction(): string {
    const id = `txn_${newId()}`;
    this.transactions.set(id, { writes: new Map(), seen: new Map() });
    return id;
  }

  /** Applies a transaction's writes unless a document it touched changed since: then DATABASE_TRANSACTION_CONFLICT. */
  async commitTransaction(transactionId: unknown): Promise<void> {
    const transaction = this.transaction(transactionId);
    if (!transaction) throw new AdminError('DATABASE_TRANSACTION_FAIL', `transaction not found or finished: ${String(transactionId)}`);
    this.transactions.delete(String(transactionId));
    const names = [...new Set([...transaction.seen.keys(), ...transaction.writes.keys()])].sort();
    const collections = names.map((name) => this.collection(name));
    // Take every involved collection's write lock (in name order, so two commits cannot deadlock).
    const commitAll = async (): Promise<void> => {
      for (const collection of collections) {
        for (const [id, version] of transaction.seen.get(collection.name) ?? []) {
          if ((collection.versions.get(id) ?? 0) !== version) {
            throw new AdminError('DATABASE_TRANSACTION_CONFLICT', `[ResourceUnavailable.TransactionConflict] Transaction is conflicted: ${collection.name}/${id}`);
          }
        }
      }
      for (const collection of collections) {
        const writes = transaction.writes.get(collection.name);
        if (writes && writes.size > 0) await collection.commit(writes);
      }
    };
    const locked = collections.reduceRight<() => Promise<void>>((inner, collection) => () => collection.exclusive(inner), commitAll);
    await locked();
  }

  abortTransaction(transactionId: unknown): void {
    if (!this.transactions.delete(String(transactionId))) {
      throw new AdminError('DATABASE_TRANSACTION_FAIL', `transaction not found or finished: ${String(transactionId)}`);
    }
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private async openCollection(name: string): Promise<void> {
    const filename = this.options.dataDir ? join(this.options.dataDir, 'db', `${name}.db`) : null;
    this.collections.set(name, await Collection.open(name, filename, this.options.indexSpecs.get(name) ?? []));
  }

  collection(name: string): Collection {
    const collection = this.collections.get(name);
    if (!collection) {
      throw new AdminError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`,
      );
    }
    return collection;
  }

  private transaction(transactionId: unknown): Transaction | null {
    if (transactionId === undefined || transactionId === null || transactionId === '') return null;
    const transaction = this.transactions.get(String(transactionId));
    if (!transaction) throw new AdminError('DATABASE_TRANSACTION_FAIL', `transaction not found or finished: ${String(transactionId)}`);
    return transaction;
  }

  private stage(transaction: Transaction, collection: Collection, id: string, doc: Doc | null): void {
    this.remember(transaction, collection, id);
    let writes = transaction.writes.get(collection.name);
    if (!writes) transaction.writes.set(collection.name, (writes = new Map()));
    writes.set(id, doc);
  }

  private remember(transaction: Transaction, collection: Collection, id: string): void {
    let seen = transaction.seen.get(collection.name);
    if (!seen) transaction.seen.set(collection.name, (seen = new Map()));
    if (!seen.has(id)) seen.set(id, collection.versions.get(id) ?? 0);
  }

  private visible(name: string, id: string, transaction: Transaction): boolean {
    const staged = transaction.writes.get(name);
    if (staged?.has(id)) return staged.get(id) !== null;
    return this.collection(name).docs.has(id);
  }

  /**
   * The documents a filter needs to look at: an index lookup when a declared index covers its leading equality
   * fields, else the whole collection (flagged above the scan threshold). Inside a transaction, its own writes win.
   */
  private candidates(name: string, filter: Doc, order?: Doc, transactionId?: string): Doc[] {
    const collection = this.collection(name);
    const transaction = this.transaction(transactionId);
    let docs: Doc[];
    let indexUsed: string | null = null;
    if (typeof filter._id === 'string') {
      const doc = collection.docs.get(filter._id);
      docs = doc ? [doc] : [];
      indexUsed = '_id_';
    } else {
      const shape = shapeOf(filter);
      let best: { name: string; ids: Set<string> } | null = null;
      for (const index of collection.indexes) {
        const columns: unknown[][] = [];
        for (const field of index.spec.fields) {
          const values = shape.equal.get(field);
          if (!values) break;
          columns.push(values);
        }
        if (columns.length === 0) continue;
        const ids = index.lookup(columns);
        if (!best || ids.size < best.ids.size) best = { name: index.spec.name, ids };
      }
      if (best) {
        docs = [...best.ids].map((id) => collection.docs.get(id)).filter((doc): doc is Doc => doc !== undefined);
        indexUsed = best.name;
      } else {
        docs = [...collection.docs.values()];
        this.checkScan(collection, shape.equal.keys(), shape.other, order);
      }
    }
    if (transaction) {
      const staged = transaction.writes.get(name);
      for (const doc of docs) this.remember(transaction, collection, String(doc._id));
      if (staged) {
        const byId = new Map(docs.map((doc) => [String(doc._id), doc]));
        for (const [id, doc] of staged) {
          if (doc === null) byId.delete(id);
          else byId.set(id, doc);
        }
        docs = [...byId.values()];
      }
    }
    this.stats = { collection: name, docsExamined: docs.length, indexUsed };
    return docs;
  }

  private checkScan(collection: Collection, equalFields: Iterable<string>, otherFields: Set<string>, order?: Doc): void {
    const size = collection.docs.size;
    if (this.options.unindexedQuery === 'off' || size <= this.options.scanThreshold) return;
    const fields = [...new Set([...equalFields, ...otherFields, ...Object.keys(order ?? {})])];
    // A range or sort on the leading field of a declared index is served by that index in production.
    if (fields.length > 0 && collection.indexes.some((index) => fields.includes(index.spec.fields[0]))) return;
    const wanted = fields.length > 0 ? `(${fields.join(', ')})` : '(the fields you filter or sort on)';
    const message =
      `未建索引的查询 unindexed query: collection "${collection.name}" scanned ${size} docs; ` +
      `declare an index on ${wanted} in database/collections/${collection.name}.json`;
    if (this.options.unindexedQuery === 'fail') throw new AdminError('DATABASE_REQUEST_FAILED', message);
    this.options.log(`[emulator] WARNING ${message}`);
  }
}

/** Production-style _id: 32 hex characters. */
function newId(): string {
  return randomBytes(16).toString('hex');
}

function duplicateId(name: string, id: string): AdminError {
  return new AdminError('DATABASE_REQUEST_FAILED', `[FailedOperation] E11000 duplicate key error collection: ${name} index: _id_ dup key: { _id: "${id}" }`);
}

/** Applies update operators to a copy; mingo reports the modified paths (none: unchanged). */
function updateCopy(before: Doc, data: Doc): Doc {
  const after = structuredClone(before);
  try {
    applyUpdate(after, data);
  } catch (error) {
    throw new AdminError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${(error as Error).message}`);
  }
  if ('_id' in after && after._id !== before._id) throw new AdminError('INVALID_PARAM', '不能更新_id的值');
  return after;
}

function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => isEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => isEqual(a[key], b[key]));
  }
  return false;
}
