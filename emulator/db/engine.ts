/**
 * The database engine behind the /admin database actions: collections that exist only once created, queries and
 * updates with MongoDB semantics (mingo), ordered index reads with a scan counter, and transactions.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';
import { Aggregator, ProcessingMode, Query, update as applyUpdate } from 'mingo';
import { AdminError } from '../protocol';
import { Collection, duplicateKey } from './collection';
import { cloneDoc, isPlainObject, type Doc } from './ejson';
import { shapeOf, type FilterShape, type IndexSpec } from './indexes';
import { coveredCount, entriesOf, planFor, readInOrder, type Order, type Plan } from './planner';
import { checkOutput, rewritePipeline } from './pipeline';
import { singleDocumentOnly, Transactions, type Transaction } from './transactions';
import { fsyncFile, type SyncFile } from './sync';

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
  /** Flushes a data file before a write is acknowledged (default fdatasync; tests count calls). */
  sync?: SyncFile;
}

export interface FindOptions {
  order?: Doc;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

export interface ModifyFlags {
  multi: boolean;
  merge: boolean;
  upsert: boolean;
}

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export class Engine {
  private readonly collections = new Map<string, Collection>();
  private catalog: Datastore<{ _id: string; createdAt: Date }> | null = null;
  private stats: QueryStats = { collection: '', docsExamined: 0, indexUsed: null };
  private clock = 0;
  readonly transactions = new Transactions(() => this.clock);

  private constructor(private readonly options: EngineOptions) {}

  /** Opens the engine; with a data folder, every collection in the catalog is loaded from disk. */
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
    if (this.collections.has(name)) {
      throw new AdminError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}. Please check your request, but if the problem persists, contact us.`);
    }
    if (this.catalog) {
      await this.catalog.insertAsync({ _id: name, createdAt: new Date() });
      await (this.options.sync ?? fsyncFile)(join(this.options.dataDir ?? '', 'db', '_catalog.db'));
    }
    await this.openCollection(name);
  }

  /** Declares an index (now and for collections created later); unique indexes must hold for the stored documents. */
  declareIndex(name: string, spec: IndexSpec): void {
    this.collections.get(name)?.addIndex(spec);
    const specs = (this.options.indexSpecs.get(name) ?? []).filter((other) => other.name !== spec.name);
    this.options.indexSpecs.set(name, [...specs, spec]);
  }

  /** Compacts every file so the next start reads one line per document. */
  async close(): Promise<void> {
    for (const collection of this.collections.values()) await collection.compact();
    if (this.catalog) await this.catalog.compactDatafileAsync();
  }

  // ---- reads -------------------------------------------------------------------------------------------------

  /** A page of matching documents (copies), at most MAX_LIMIT as in production. */
  find(name: string, filter: Doc, options: FindOptions, transactionId?: string): Doc[] {
    const transaction = this.transactions.forQuery(transactionId, filter);
    const order = orderOf(options.order);
    const skip = options.offset ?? 0;
    const limit = Math.min(options.limit || DEFAULT_LIMIT, MAX_LIMIT);
    const query = new Query(filter);
    const page = (transaction ? null : this.readInOrder(name, filter, query, order, skip, limit)) ?? this.sortAndPage(
      query,
      this.candidates(name, filter, { order: options.order, transaction }),
      order,
      skip,
      limit,
    );
    const projection = options.projection && Object.keys(options.projection).length > 0 ? options.projection : undefined;
    const projected = projection ? new Query({}).find<Doc>(page, projection).all() : page;
    return projected.map((doc) => structuredClone(doc));
  }

  /** Counts matches; a filter an index answers alone is counted from the index without reading documents. */
  count(name: string, filter: Doc): number {
    const collection = this.collection(name);
    if (Object.keys(filter).length === 0) {
      // Like MongoDB's count without a filter: the collection's size, no document read.
      this.stats = { collection: name, docsExamined: 0, indexUsed: null };
      return collection.docs.size;
    }
    const plan = this.bestPlan(collection, shapeOf(filter), []);
    if (plan?.covered) {
      this.stats = { collection: name, docsExamined: 0, indexUsed: plan.index.spec.name };
      return coveredCount(plan);
    }
    const query = new Query(filter);
    return this.candidates(name, filter, {}).filter((doc) => query.test(doc)).length;
  }

  /** Runs a pipeline over copies of the documents (mingo stages may write into their input). */
  aggregate(name: string, pipeline: Doc[]): Doc[] {
    const first = pipeline[0];
    const leadingMatch = first && isPlainObject(first.$match) ? first.$match : null;
    const docs = leadingMatch ? this.candidates(name, leadingMatch, {}) : this.all(name);
    const aggregator = new Aggregator(rewritePipeline(pipeline), {
      processingMode: ProcessingMode.CLONE_INPUT,
      // $lookup from a collection that does not exist joins nothing, as in MongoDB.
      collectionResolver: (other: string) => (this.collections.has(other) ? this.all(other).map((doc) => structuredClone(doc)) : []),
    });
    const result = aggregator.run(docs).map((doc) => structuredClone(doc as Doc));
    checkOutput(result);
    return result;
  }

  // ---- writes ------------------------------------------------------------------------------------------------

  async insert(name: string, docs: Doc[], transactionId?: string): Promise<string[]> {
    const collection = this.collection(name);
    const prepared = docs.map((doc) => {
      const id = doc._id === undefined ? newId() : doc._id;
      if (typeof id !== 'string' && typeof id !== 'number') throw new AdminError('INVALID_PARAM', '_id 必须是字符串或数字');
      return { ...doc, _id: String(id) };
    });
    const transaction = this.transactions.get(transactionId);
    if (transaction) {
      if (prepared.length !== 1) throw singleDocumentOnly();
      const [doc] = prepared;
      if (this.transactions.read(transaction, collection, doc._id)) throw duplicateId(name, doc._id);
      this.transactions.stage(transaction, collection, doc._id, doc);
      return [doc._id];
    }
    return collection.exclusive(async () => {
      const changes = new Map<string, Doc | null>();
      for (const doc of prepared) {
        if (collection.docs.has(doc._id) || changes.has(doc._id)) throw duplicateId(name, doc._id);
        changes.set(doc._id, doc);
      }
      await this.write(collection, changes);
      return prepared.map((doc) => doc._id);
    });
  }

  /**
   * modifyDocument: `merge` applies update operators, otherwise `data` replaces the document (doc.set).
   * `upsert` inserts when nothing matches (with the query's _id when it names one).
   */
  async modify(name: string, filter: Doc, data: Doc, flags: ModifyFlags, transactionId?: string): Promise<{ updated: number; upsertedId?: string; doc?: Doc }> {
    const collection = this.collection(name);
    const operators = Object.keys(data).filter((key) => key.startsWith('$'));
    if (flags.merge && operators.length !== Object.keys(data).length) {
      throw new AdminError('DATABASE_REQUEST_FAILED', '[FailedOperation] update document requires atomic operators (every top-level key must start with $)');
    }
    if (!flags.merge && operators.length > 0) {
      throw new AdminError('DATABASE_REQUEST_FAILED', `[FailedOperation] replacement document must not contain update operators: ${operators.join(', ')}`);
    }
    if (!flags.merge && '_id' in data && data._id !== filter._id) throw new AdminError('INVALID_PARAM', '不能更新_id的值');

    const transaction = this.transactions.forQuery(transactionId, filter);
    const run = async (): Promise<{ updated: number; upsertedId?: string; doc?: Doc }> => {
      const matches = this.matching(name, filter, flags.multi, transaction);
      const changes = new Map<string, Doc | null>();
      let updated = 0;
      for (const before of matches) {
        const id = String(before._id);
        const after = flags.merge ? updateCopy(before, data) : { ...data, _id: id };
        // Like MongoDB's nModified: a write that changes nothing does not count.
        if (!isEqual(before, after)) updated++;
        changes.set(id, after);
      }
      let upsertedId: string | undefined;
      if (matches.length === 0 && flags.upsert) {
        upsertedId = typeof filter._id === 'string' ? filter._id : newId();
        changes.set(upsertedId, flags.merge ? updateCopy({ _id: upsertedId }, data) : { ...data, _id: upsertedId });
      }
      if (transaction) for (const [id, doc] of changes) this.transactions.stage(transaction, collection, id, doc);
      else if (changes.size > 0) await this.write(collection, changes);
      const doc = changes.values().next().value ?? undefined;
      const result = { updated, ...(doc ? { doc } : {}) };
      return upsertedId === undefined ? result : { ...result, upsertedId };
    };
    return transaction ? run() : collection.exclusive(run);
  }

  async remove(name: string, filter: Doc, multi: boolean, transactionId?: string): Promise<number> {
    const collection = this.collection(name);
    const transaction = this.transactions.forQuery(transactionId, filter);
    const run = async (): Promise<number> => {
      const matches = this.matching(name, filter, multi, transaction);
      const changes = new Map<string, Doc | null>(matches.map((doc) => [String(doc._id), null]));
      if (transaction) for (const id of changes.keys()) this.transactions.stage(transaction, collection, id, null);
      else if (changes.size > 0) await this.write(collection, changes);
      return changes.size;
    };
    return transaction ? run() : collection.exclusive(run);
  }

  // ---- transactions -------------------------------------------------------------------------------------------

  /** Applies a transaction's writes, holding every involved collection's write lock (in name order: no deadlock). */
  async commitTransaction(transactionId: unknown): Promise<void> {
    const transaction = this.transactions.finish(transactionId);
    const collections = [...transaction.writes.keys()].sort().map((name) => this.collection(name));
    const commitAll = async (): Promise<void> => {
      for (const collection of collections) this.transactions.checkUnchanged(transaction, collection);
      for (const collection of collections) {
        const writes = transaction.writes.get(collection.name);
        if (writes && writes.size > 0) await this.write(collection, writes);
      }
    };
    const locked = collections.reduceRight<() => Promise<void>>((inner, collection) => () => collection.exclusive(inner), commitAll);
    await locked();
  }

  abortTransaction(transactionId: unknown): void {
    this.transactions.finish(transactionId);
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private async openCollection(name: string): Promise<void> {
    const filename = this.options.dataDir ? join(this.options.dataDir, 'db', `${name}.db`) : null;
    const collection = await Collection.open(name, filename, this.options.indexSpecs.get(name) ?? [], () => ++this.clock, this.options.sync ?? fsyncFile);
    this.collections.set(name, collection);
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

  private all(name: string): Doc[] {
    const collection = this.collection(name);
    this.stats = { collection: name, docsExamined: collection.docs.size, indexUsed: null };
    return [...collection.docs.values()];
  }

  private write(collection: Collection, changes: Map<string, Doc | null>): Promise<void> {
    return collection.commit(changes);
  }

  /** Every matching document for updates and removes (not paged); one when not `multi`. */
  private matching(name: string, filter: Doc, multi: boolean, transaction: Transaction | null): Doc[] {
    const cursor = new Query(filter).find<Doc>(this.candidates(name, filter, { transaction }));
    return (multi ? cursor : cursor.limit(1)).all();
  }

  /**
   * The documents a filter needs to look at, in the collection's order: by _id, through the index slice that holds
   * the fewest, else the whole collection (flagged above the scan threshold). Inside a transaction, its own writes win.
   */
  private candidates(name: string, filter: Doc, context: { order?: Doc; transaction?: Transaction | null }): Doc[] {
    const collection = this.collection(name);
    const shape = shapeOf(filter);
    let docs: Doc[];
    let indexUsed: string | null = null;
    const ids = shape.equal.get('_id');
    const plan = ids ? null : this.bestPlan(collection, shape, []);
    if (ids) {
      docs = [...new Set(ids.map(String))]
        .filter((id) => collection.docs.has(id))
        .sort((a, b) => collection.seq(a) - collection.seq(b))
        .map((id) => collection.docs.get(id))
        .filter((doc): doc is Doc => doc !== undefined);
      indexUsed = '_id_';
    } else if (plan) {
      docs = entriesOf(plan).map((entry) => entry.doc);
      indexUsed = plan.index.spec.name;
    } else {
      docs = [...collection.docs.values()];
      const ordered = Object.keys(context.order ?? {});
      // An empty filter without a sort reads only the page it returns: not a scan worth flagging.
      if (shape.equal.size + shape.other.size > 0 || ordered.length > 0) this.checkScan(collection, [...shape.equal.keys(), ...shape.other, ...ordered]);
    }
    if (context.transaction) docs = this.transactions.overlay(context.transaction, collection, docs, ids?.map(String) ?? []);
    this.stats = { collection: name, docsExamined: docs.length, indexUsed };
    return docs;
  }

  /**
   * The page read straight from an index in the requested order, or null when no index yields that order. When
   * another index selects fewer documents, the ordered read may examine only as many before giving way to it
   * (MongoDB's planner races its candidate plans the same way).
   */
  private readInOrder(name: string, filter: Doc, query: Query, order: Order, skip: number, limit: number): Doc[] | null {
    const collection = this.collection(name);
    const shape = shapeOf(filter);
    if (order.length === 0 || shape.equal.has('_id')) return null;
    const plans = this.plans(collection, shape, order);
    const walk = smallest(plans.filter((plan) => plan.walk));
    if (!walk) return null;
    const other = smallest(plans);
    const budget = other && other.size < walk.size ? other.size : Infinity;
    const read = readInOrder(walk, query, skip, limit, budget);
    if (read.complete) {
      this.stats = { collection: name, docsExamined: read.examined, indexUsed: walk.index.spec.name };
      return read.page;
    }
    const page = this.sortAndPage(query, this.candidates(name, filter, {}), order, skip, limit);
    this.stats = { ...this.stats, docsExamined: this.stats.docsExamined + read.examined };
    return page;
  }

  /** Filters, sorts (stably: ties keep the candidates' order) and pages candidates with mingo. */
  private sortAndPage(query: Query, docs: Doc[], order: Order, skip: number, limit: number): Doc[] {
    let cursor = query.find<Doc>(docs);
    if (order.length > 0) cursor = cursor.sort(Object.fromEntries(order));
    if (skip) cursor = cursor.skip(skip);
    return cursor.limit(limit).all();
  }

  private plans(collection: Collection, shape: FilterShape, order: Order): Plan[] {
    return collection.indexes.map((index) => planFor(index, shape, order)).filter((plan): plan is Plan => plan !== null);
  }

  /** The plan selecting the fewest documents. */
  private bestPlan(collection: Collection, shape: FilterShape, order: Order): Plan | null {
    return smallest(this.plans(collection, shape, order));
  }

  private checkScan(collection: Collection, wanted: string[]): void {
    const size = collection.docs.size;
    if (this.options.unindexedQuery === 'off' || size <= this.options.scanThreshold) return;
    const fields = [...new Set(wanted)];
    // A range or sort on the leading field of a declared index is served by that index in production.
    if (fields.length > 0 && collection.indexes.some((index) => fields.includes(index.spec.fields[0]))) return;
    const message =
      `未建索引的查询 (unindexed query): collection "${collection.name}" scanned ${size} docs; ` +
      `declare an index on (${fields.join(', ')}) in database/collections/${collection.name}.json`;
    if (this.options.unindexedQuery === 'fail') throw new AdminError('DATABASE_REQUEST_FAILED', message);
    this.options.log(`[emulator] WARNING ${message}`);
  }
}

/** The first plan selecting the fewest documents. */
function smallest(plans: Plan[]): Plan | null {
  return plans.reduce<Plan | null>((best, plan) => (!best || plan.size < best.size ? plan : best), null);
}

/** The SDK's order object ({ field: 1 | -1 }, in orderBy call order); mingo sorts ascending unless -1. */
function orderOf(order: Doc | undefined): Order {
  return Object.entries(order ?? {}).map(([field, direction]) => [field, direction === -1 ? -1 : 1]);
}

/** Production-style _id: 32 hex characters. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

function duplicateId(name: string, id: string): AdminError {
  return duplicateKey(name, { name: '_id_', unique: true, fields: ['_id'], directions: [1] }, `{ _id: ${JSON.stringify(id)} }`);
}

/** Applies update operators to a copy. */
function updateCopy(before: Doc, data: Doc): Doc {
  const after = cloneDoc(before);
  try {
    applyUpdate(after, data);
  } catch (error) {
    throw new AdminError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${(error as Error).message}`);
  }
  if ('_id' in before && after._id !== before._id) throw new AdminError('INVALID_PARAM', '不能更新_id的值');
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
