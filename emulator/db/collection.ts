/**
 * One collection: documents in memory (queries run through mingo over them), hash indexes, and — when durable —
 * a nedb append-only file. A write is applied in memory only after nedb has appended it, so an acknowledged write
 * survives kill -9. Writes are serialised per collection so a conditional update cannot race another.
 */
import Datastore from '@seald-io/nedb';
import { AdminError } from '../protocol';
import type { Doc } from './ejson';
import { HashIndex, type IndexSpec } from './indexes';

export class Collection {
  readonly docs = new Map<string, Doc>();
  /** Bumped on every committed write of a document: transactions use it to detect conflicts. */
  readonly versions = new Map<string, number>();
  indexes: HashIndex[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly file: Datastore<Doc> | null,
  ) {}

  static async open(name: string, filename: string | null, specs: IndexSpec[]): Promise<Collection> {
    const file = filename ? new Datastore<Doc>({ filename }) : null;
    const collection = new Collection(name, file);
    collection.indexes = specs.map((spec) => new HashIndex(spec));
    if (file) {
      await file.loadDatabaseAsync();
      for (const doc of file.getAllData()) collection.apply(String(doc._id), structuredClone(doc));
    }
    return collection;
  }

  /** Runs `work` after every earlier write of this collection has finished. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Persists then applies: `changes` maps id → new document, or null to delete. Call inside exclusive(). */
  async commit(changes: Map<string, Doc | null>): Promise<void> {
    this.checkUnique(changes);
    if (this.file) {
      const inserts: Doc[] = [];
      const writes: Promise<unknown>[] = [];
      const removals: string[] = [];
      for (const [id, doc] of changes) {
        if (doc === null) removals.push(id);
        else if (this.docs.has(id)) writes.push(this.file.updateAsync({ _id: id }, doc, {}));
        else inserts.push(doc);
      }
      if (inserts.length > 0) writes.push(this.file.insertAsync(inserts));
      if (removals.length > 0) writes.push(this.file.removeAsync({ _id: { $in: removals } }, { multi: true }));
      await Promise.all(writes);
    }
    for (const [id, doc] of changes) this.apply(id, doc);
  }

  async compact(): Promise<void> {
    if (this.file) await this.exclusive(() => this.file!.compactDatafileAsync());
  }

  private apply(id: string, doc: Doc | null): void {
    const before = this.docs.get(id);
    if (before) for (const index of this.indexes) index.remove(id, before);
    if (doc === null) {
      this.docs.delete(id);
    } else {
      this.docs.set(id, doc);
      for (const index of this.indexes) index.add(id, doc);
    }
    this.versions.set(id, (this.versions.get(id) ?? 0) + 1);
  }

  /** Unique indexes (and _id on insert) are checked against the state after all `changes`. */
  private checkUnique(changes: Map<string, Doc | null>): void {
    for (const index of this.indexes.filter((i) => i.spec.unique)) {
      const claimed = new Map<string, string>();
      for (const [id, doc] of changes) {
        for (const key of (doc && index.fullKeys(doc)) ?? []) {
          const other = claimed.get(key) ?? [...(index.holders(key) ?? [])].find((holder) => holder !== id && !changes.has(holder));
          if (other !== undefined && other !== id) {
            throw new AdminError(
              'DATABASE_REQUEST_FAILED',
              `[FailedOperation] E11000 duplicate key error collection: ${this.name} index: ${index.spec.name} dup key: (${index.spec.fields.join(', ')})`,
            );
          }
          claimed.set(key, id);
        }
      }
    }
  }
}
