/**
 * One declared index, kept ordered like MongoDB's B-tree: for every prefix length L of its fields, a map from the
 * first L fields' values to the documents holding them, sorted by the remaining fields (in the declared directions)
 * and then by the document's place in the collection. A query that pins a prefix reads one such bucket in order and
 * can stop after the page it returns.
 */
import type { Doc } from './ejson';
import { valueKey, type IndexSpec } from './indexes';
import { compareValues, MULTIKEY, sortValue } from './order';
import { valuesAt } from './paths';
import { SortedList } from './sorted-list';

/** One document in one index: shared by every bucket the document is in. */
export interface IndexEntry {
  id: string;
  doc: Doc;
  /** The document's place in the collection (its insertion order): ties in every order are broken by it. */
  seq: number;
  /** The sort value of each index field (MULTIKEY where the path meets an array). */
  values: unknown[];
}

const SEP = '\u0001';

/** Bucket keys of every combination of the columns' values (a path through an array has several). */
export function tuples(columns: unknown[][]): string[] {
  let keys = [''];
  for (const column of columns) {
    const next: string[] = [];
    for (const prefix of keys) for (const value of new Set(column.map(valueKey))) next.push(prefix + SEP + value);
    keys = next;
  }
  return keys;
}

export class OrderedIndex {
  /**
   * levels[L]: key of the first L fields' values → bucket. levels[0] has one bucket, every document; it serves only
   * sorts and ranges on the leading field without an equality, so it is built the first time one asks for it.
   */
  private readonly levels: Array<Map<string, SortedList<IndexEntry>>>;
  private everyDocument = false;
  /** Each field's path, split once. */
  private readonly paths: string[][];
  /** The order of the buckets at each level (one function per level, shared by its buckets). */
  private readonly orders: Array<(a: IndexEntry, b: IndexEntry) => number>;
  /** Per field: how many documents have an array on its path (such a field cannot be read in order). */
  private readonly multikeyDocs: number[];

  constructor(readonly spec: IndexSpec) {
    this.levels = Array.from({ length: spec.fields.length + 1 }, () => new Map());
    this.orders = this.levels.map((_, level) => this.order(level));
    this.paths = spec.fields.map((field) => field.split('.'));
    this.multikeyDocs = spec.fields.map(() => 0);
  }

  get fieldCount(): number {
    return this.spec.fields.length;
  }

  /** True when some document has an array on the path of field `position`. */
  multikey(position: number): boolean {
    return this.multikeyDocs[position] > 0;
  }

  /** The bucket of documents whose first `level` fields have the values `key` stands for (see keysFor). */
  bucket(level: number, key: string): SortedList<IndexEntry> | undefined {
    if (level === 0 && !this.everyDocument) this.buildEveryDocument();
    return this.levels[level].get(key);
  }

  /** Bucket keys for equality values on the first `columns.length` fields. */
  keysFor(columns: unknown[][]): string[] {
    return tuples(columns);
  }

  /** Full-key tuples of a document (uniqueness); a missing field is null, as in a MongoDB (non-sparse) index. */
  fullKeys(doc: Doc): string[] {
    return tuples(this.spec.fields.map((field) => valuesAt(doc, field)));
  }

  /** The key of a document as MongoDB prints it in a duplicate-key error: `{ openid: "o1" }`. */
  describe(doc: Doc): string {
    const parts = this.spec.fields.map((field) => {
      const values = valuesAt(doc, field);
      return `${field}: ${JSON.stringify(values.length === 1 ? (values[0] ?? null) : values)}`;
    });
    return `{ ${parts.join(', ')} }`;
  }

  /** The first full key held by two documents, described (used when an index is added over existing data). */
  firstDuplicate(): string | null {
    for (const [key, bucket] of this.levels[this.fieldCount]) if (bucket.size > 1) return key.split(SEP).slice(1).join(', ');
    return null;
  }

  /** Ids holding a full key (uniqueness check). */
  holders(key: string): string[] {
    const bucket = this.levels[this.fieldCount].get(key);
    return bucket ? bucket.slice(0, bucket.size).map((entry) => entry.id) : [];
  }

  add(id: string, doc: Doc, seq: number): void {
    const entry = this.entryOf(id, doc, seq);
    entry.values.forEach((value, i) => {
      if (value === MULTIKEY) this.multikeyDocs[i]++;
    });
    this.forEachBucketKey(doc, (level, key) => {
      let bucket = this.levels[level].get(key);
      if (!bucket) this.levels[level].set(key, (bucket = new SortedList(this.orders[level])));
      bucket.insert(entry);
    });
  }

  /** Removes a document as it was added (same `doc` and `seq`). */
  remove(id: string, doc: Doc, seq: number): void {
    const entry = this.entryOf(id, doc, seq);
    entry.values.forEach((value, i) => {
      if (value === MULTIKEY) this.multikeyDocs[i]--;
    });
    this.forEachBucketKey(doc, (level, key) => {
      const bucket = this.levels[level].get(key);
      bucket?.remove(entry, (other) => other.id === id);
      if (bucket && bucket.size === 0) this.levels[level].delete(key);
    });
  }

  private entryOf(id: string, doc: Doc, seq: number): IndexEntry {
    return { id, doc, seq, values: this.paths.map((path) => sortValue(doc, path)) };
  }

  /** Level 0 from level 1, whose buckets hold every document (a missing field is keyed as null). */
  private buildEveryDocument(): void {
    const entries = new Map<string, IndexEntry>();
    for (const bucket of this.levels[1].values()) for (const entry of bucket.range(0, bucket.size)) entries.set(entry.id, entry);
    const order = this.orders[0];
    if (entries.size > 0) this.levels[0].set('', SortedList.fromSorted(order, [...entries.values()].sort(order)));
    this.everyDocument = true;
  }

  /** Order of a bucket at `level`: the fields after the pinned ones, as declared, then the collection order. */
  private order(level: number): (a: IndexEntry, b: IndexEntry) => number {
    const { directions } = this.spec;
    return (a, b) => {
      for (let i = level; i < directions.length; i++) {
        const order = compareValues(a.values[i], b.values[i]);
        if (order !== 0) return order * directions[i];
      }
      return a.seq - b.seq;
    };
  }

  /** Every (level, bucket key) the document belongs to; each once, even when arrays give it several tuples. */
  private forEachBucketKey(doc: Doc, visit: (level: number, key: string) => void): void {
    let keys = [''];
    if (this.everyDocument) visit(0, '');
    this.spec.fields.forEach((field, i) => {
      const values = [...new Set(valuesAt(doc, field).map(valueKey))];
      keys = keys.flatMap((prefix) => values.map((value) => prefix + SEP + value));
      for (const key of keys) visit(i + 1, key);
    });
  }
}
