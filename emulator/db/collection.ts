/**
 * One collection: documents in memory (queries run through mingo over them), ordered indexes, and — when durable —
 * a nedb append-only file. A write is applied in memory only after nedb has appended it, so an acknowledged write
 * survives kill -9. Writes are serialised per collection so a conditional update cannot race another.
 * Documents are treated as immutable: every write stores a new object, so readers may share them.
 */
import Datastore from '@seald-io/nedb';
import { AdminError } from '../protocol';
import { isPlainObject, type Doc } from './ejson';
import type { IndexSpec } from './indexes';
import { OrderedIndex } from './ordered-index';
import type { SyncFile } from './sync';

/** nedb keeps its own copy of every document; we reuse that object instead of holding a second copy (memory). */
interface NedbInternals {
  indexes: { _id: { getMatching(value: string): Doc[] } };
}

function storedDocument(file: Datastore<Doc>, id: string): Doc | undefined {
  return (file as unknown as NedbInternals).indexes._id.getMatching(id)[0];
}

export class Collection {
  readonly docs = new Map<string, Doc>();
  /** Clock value of the last committed write per document id (kept for deleted ids): transactions detect conflicts with it. */
  readonly versions = new Map<string, number>();
  /** Each document's place in `docs` (Map order: kept on update, new at the end on insert): ties in index order follow it. */
  private readonly seqs = new Map<string, number>();
  private nextSeq = 0;
  indexes: OrderedIndex[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly name: string,
    private readonly file: Datastore<Doc> | null,
    private readonly tick: () => number,
    private readonly sync: () => Promise<void>,
  ) {}

  /** Opens (and, when durable, loads) a collection; `tick` is the engine-wide write clock. */
  static async open(name: string, filename: string | null, specs: IndexSpec[], tick: () => number, sync: SyncFile): Promise<Collection> {
    const file = filename ? new Datastore<Doc>({ filename }) : null;
    const collection = new Collection(name, file, tick, filename ? () => sync(filename) : async () => undefined);
    collection.indexes = specs.map((spec) => new OrderedIndex(spec));
    if (file) {
      await file.loadDatabaseAsync();
      for (const doc of file.getAllData()) collection.apply(String(doc._id), doc);
    }
    return collection;
  }

  /** Adds an index at runtime, built over the documents already stored; a unique index must hold for them. */
  addIndex(spec: IndexSpec): void {
    const index = new OrderedIndex(spec);
    for (const [id, doc] of this.docs) index.add(id, doc, this.seq(id));
    if (spec.unique) {
      const clash = index.firstDuplicate();
      if (clash) throw duplicateKey(this.name, spec, clash);
    }
    this.indexes = [...this.indexes.filter((other) => other.spec.name !== spec.name), index];
  }

  /** Runs `work` after every earlier write of this collection has finished. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Persists then applies: `changes` maps id → new document, or null to delete. Call inside exclusive(). */
  async commit(changes: Map<string, Doc | null>): Promise<void> {
    for (const doc of changes.values()) if (doc) checkFieldNames(doc);
    this.checkUnique(changes);
    if (!this.file) {
      for (const [id, doc] of changes) this.apply(id, doc);
      return;
    }
    const file = this.file;
    const inserts: Doc[] = [];
    const writes: Promise<unknown>[] = [];
    const removals: string[] = [];
    for (const [id, doc] of changes) {
      if (doc === null) removals.push(id);
      else if (this.docs.has(id)) writes.push(file.updateAsync({ _id: id }, doc, {}));
      else inserts.push(doc);
    }
    if (inserts.length > 0) writes.push(file.insertAsync(inserts));
    if (removals.length > 0) writes.push(file.removeAsync({ _id: { $in: removals } }, { multi: true }));
    await Promise.all(writes);
    // On the disk, not only handed to the OS, before anyone is told the write happened.
    await this.sync();
    for (const [id, doc] of changes) this.apply(id, doc === null ? null : (storedDocument(file, id) ?? doc));
  }

  /** Rewrites the append-only file to one line per live document. */
  async compact(): Promise<void> {
    const file = this.file;
    if (file) await this.exclusive(() => file.compactDatafileAsync());
  }

  /** A stored document's place in the collection order. */
  seq(id: string): number {
    const seq = this.seqs.get(id);
    if (seq === undefined) throw new Error(`bug: document ${id} has no place in ${this.name}`);
    return seq;
  }

  private apply(id: string, doc: Doc | null): void {
    const before = this.docs.get(id);
    if (before) for (const index of this.indexes) index.remove(id, before, this.seq(id));
    if (doc === null) {
      this.docs.delete(id);
      this.seqs.delete(id);
    } else {
      if (!before) this.seqs.set(id, this.nextSeq++);
      this.docs.set(id, doc);
      for (const index of this.indexes) index.add(id, doc, this.seq(id));
    }
    this.versions.set(id, this.tick());
  }

  /** Unique indexes are checked against the state after all `changes` (a missing field counts as null, as in MongoDB). */
  private checkUnique(changes: Map<string, Doc | null>): void {
    for (const index of this.indexes.filter((i) => i.spec.unique)) {
      const claimed = new Map<string, string>();
      for (const [id, doc] of changes) {
        if (!doc) continue;
        for (const key of index.fullKeys(doc)) {
          const other = claimed.get(key) ?? index.holders(key).find((holder) => holder !== id && !changes.has(holder));
          if (other !== undefined && other !== id) throw duplicateKey(this.name, index.spec, index.describe(doc));
          claimed.set(key, id);
        }
      }
    }
  }
}

/**
 * Field names may not start with $ or contain a dot (MongoDB's storage rule, and nedb's): refused before anything is
 * written, so memory and disk never disagree.
 */
function checkFieldNames(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkFieldNames(item, `${path}.${i}`));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('$') || key.includes('.')) {
      throw new AdminError('DATABASE_REQUEST_FAILED', `[FailedOperation] invalid field name "${key}" at ${path || '(top level)'}: field names cannot start with $ or contain "."`);
    }
    checkFieldNames(item, path ? `${path}.${key}` : key);
  }
}

/** The production duplicate-key failure (MongoDB E11000 behind CloudBase). */
export function duplicateKey(collection: string, spec: IndexSpec, key: string): AdminError {
  return new AdminError(
    'DATABASE_REQUEST_FAILED',
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${spec.name} dup key: ${key}`,
  );
}
