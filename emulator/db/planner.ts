/**
 * Which part of which index a query reads, and reading it. As MongoDB does with a B-tree: equality on the leading
 * field(s) picks buckets, a range on the next field narrows each bucket to a slice, and an orderBy on the next
 * field(s) (as declared or exactly reversed) is read straight from the slices, stopping once the page is full.
 *
 * Every read returns what an unindexed scan would: the same documents in the same order, ties in the collection's
 * order (mingo's sort is stable over a scan in that order).
 */
import type { Query } from 'mingo';
import type { Doc } from './ejson';
import { equalityValues, valueKey, type FilterShape } from './indexes';
import type { IndexEntry, OrderedIndex } from './ordered-index';
import { aboveRange, belowRange, compareValues, intersect, rangeOf, type Range } from './order';
import type { SortedList } from './sorted-list';

/** A sort specification in its field order. */
export type Order = Array<[field: string, direction: 1 | -1]>;

interface Slice {
  bucket: SortedList<IndexEntry>;
  start: number;
  end: number;
}

/** The index yields the requested order: the index positions read, the requested directions, and whether backwards. */
interface Walk {
  positions: number[];
  directions: Array<1 | -1>;
  reverse: boolean;
  /** The positions run to the index's last field: entries with equal walked values are in collection order already. */
  toLastField: boolean;
}

/** One way to read one index for a filter. */
export interface Plan {
  index: OrderedIndex;
  /** The slice of each selected bucket that can hold matches. */
  slices: Slice[];
  /** Entries in the slices (a document in several buckets counts once per bucket). */
  size: number;
  walk: Walk | null;
  /** Every entry in the slices matches the filter: nothing else to test. */
  covered: boolean;
  /** A document may sit in more than one slice (an array on a pinned field and several values asked for). */
  duplicates: boolean;
}

/** How `index` can serve a filter (and an order), or null when it cannot narrow or order anything. */
export function planFor(index: OrderedIndex, shape: FilterShape, order: Order): Plan | null {
  const { fields, directions } = index.spec;
  const columns: unknown[][] = [];
  for (const field of fields) {
    const values = shape.equal.get(field);
    if (!values) break;
    columns.push(values);
  }
  const level = columns.length;
  const range = level < fields.length && !index.multikey(level) ? rangeFor(shape.conditions.get(fields[level])) : null;
  const walk = walkFor(index, shape, level, order);
  if (level === 0 && !range && !walk) return null;
  const keys = index.keysFor(columns);
  const slices: Slice[] = [];
  for (const key of keys) {
    const bucket = index.bucket(level, key);
    if (!bucket) continue;
    const [start, end] = range ? bounds(bucket, range.range, level, directions[level]) : [0, bucket.size];
    if (end > start) slices.push({ bucket, start, end });
  }
  return {
    index,
    slices,
    size: slices.reduce((sum, slice) => sum + slice.end - slice.start, 0),
    walk,
    covered: isCovered(index, shape, level, range?.exact === true),
    duplicates: keys.length > 1 && columns.some((_, i) => index.multikey(i)),
  };
}

/** The entries of a plan's slices, each document once, in the collection's order. */
export function entriesOf(plan: Plan): IndexEntry[] {
  const entries = plan.slices.flatMap((slice) => slice.bucket.slice(slice.start, slice.end));
  const unique = plan.duplicates ? [...new Map(entries.map((entry) => [entry.id, entry])).values()] : entries;
  return unique.sort((a, b) => a.seq - b.seq);
}

/** How many documents a covered plan selects, without reading them. */
export function coveredCount(plan: Plan): number {
  if (!plan.duplicates) return plan.size;
  const ids = new Set<string>();
  for (const slice of plan.slices) for (const entry of slice.bucket.range(slice.start, slice.end)) ids.add(entry.id);
  return ids.size;
}

export interface OrderedRead {
  page: Doc[];
  examined: number;
  /** False when the budget ran out before the page was full or the slices were exhausted. */
  complete: boolean;
}

/** Reads a walk plan in the requested order: matches after `skip`, at most `limit`, testing at most `budget` documents. */
export function readInOrder(plan: Plan, query: Query, skip: number, limit: number, budget: number): OrderedRead {
  const walk = plan.walk;
  if (!walk) throw new Error('bug: readInOrder needs a plan that walks');
  const streams = plan.slices.map((slice) => inOrder(slice, walk));
  const heads: Array<IndexEntry | undefined> = streams.map((stream) => stream.next().value ?? undefined);
  const seen = plan.duplicates ? new Set<string>() : null;
  const page: Doc[] = [];
  let examined = 0;
  let skipped = 0;
  for (;;) {
    // Few slices (one per value asked for): a linear pick of the smallest head is enough.
    let best = -1;
    let entry: IndexEntry | undefined;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head && (!entry || compareWalked(head, entry, walk) < 0)) [best, entry] = [i, head];
    }
    if (!entry) return { page, examined, complete: true };
    heads[best] = streams[best].next().value ?? undefined;
    if (seen) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
    }
    if (examined >= budget) return { page, examined, complete: false };
    examined++;
    if (!plan.covered && !query.test(entry.doc)) continue;
    if (skipped < skip) skipped++;
    else if (page.push(entry.doc) >= limit) return { page, examined, complete: true };
  }
}

/** One slice in the requested order; entries with equal walked values come in the collection's order, as a scan sorts them. */
function* inOrder(slice: Slice, walk: Walk): Generator<IndexEntry, void, undefined> {
  const { bucket, start, end } = slice;
  if (walk.toLastField && !walk.reverse) {
    yield* bucket.range(start, end);
    return;
  }
  if (walk.toLastField) {
    // Backwards, run by run: each run of equal values is found by a binary search and read forwards.
    for (let runEnd = end; runEnd > start;) {
      const last = bucket.at(runEnd - 1);
      const runStart = Math.max(start, bucket.boundary((entry) => compareWalked(entry, last, walk) > 0));
      yield* bucket.range(runStart, runEnd);
      runEnd = runStart;
    }
    return;
  }
  // Entries with equal walked values are ordered by the index's later fields: gather each run and put it in collection order.
  let run: IndexEntry[] = [];
  for (const entry of bucket.range(start, end, walk.reverse)) {
    if (run.length > 0 && !sameWalkedValues(run[0], entry, walk)) {
      yield* bySeq(run);
      run = [];
    }
    run.push(entry);
  }
  yield* bySeq(run);
}

function bySeq(run: IndexEntry[]): IndexEntry[] {
  return run.length > 1 ? run.sort((a, b) => a.seq - b.seq) : run;
}

function sameWalkedValues(a: IndexEntry, b: IndexEntry, walk: Walk): boolean {
  return walk.positions.every((position) => compareValues(a.values[position], b.values[position]) === 0);
}

/** The requested order of two entries: walked values, then collection order. */
function compareWalked(a: IndexEntry, b: IndexEntry, walk: Walk): number {
  for (let i = 0; i < walk.positions.length; i++) {
    const order = compareValues(a.values[walk.positions[i]], b.values[walk.positions[i]]);
    if (order !== 0) return order * walk.directions[i];
  }
  return a.seq - b.seq;
}

/**
 * The order is the index's fields after the pinned ones, all as declared or all reversed. Sort keys on a field pinned
 * to one value order nothing and are left out (not for null: a scan sorts a missing field before null).
 */
function walkFor(index: OrderedIndex, shape: FilterShape, level: number, order: Order): Walk | null {
  const { fields, directions } = index.spec;
  const keys = order.filter(([field]) => !pinnedToOne(index, shape, level, field));
  if (keys.length === 0 || keys.length > fields.length - level) return null;
  let reverse: boolean | null = null;
  for (let i = 0; i < keys.length; i++) {
    const [field, direction] = keys[i];
    const position = level + i;
    if (fields[position] !== field || index.multikey(position)) return null;
    const backwards = direction !== directions[position];
    if (reverse === null) reverse = backwards;
    else if (reverse !== backwards) return null;
  }
  return {
    positions: keys.map((_, i) => level + i),
    directions: keys.map(([, direction]) => direction),
    reverse: reverse === true,
    toLastField: level + keys.length === fields.length,
  };
}

function pinnedToOne(index: OrderedIndex, shape: FilterShape, level: number, field: string): boolean {
  const position = index.spec.fields.indexOf(field);
  const values = shape.equal.get(field);
  return position >= 0 && position < level && !index.multikey(position) && values !== undefined && values.every(exactValue) && new Set(values.map(valueKey)).size === 1;
}

/** The range every condition on the field imposes; `exact` when the conditions are nothing but that range. */
function rangeFor(conditions: unknown[] | undefined): { range: Range; exact: boolean } | null {
  let result: { range: Range; exact: boolean } | null = null;
  let exact = true;
  for (const condition of conditions ?? []) {
    const found = rangeOf(condition);
    if (!found) {
      exact = false;
      continue;
    }
    exact &&= found.exact;
    result = result ? { range: intersect(result.range, found.range), exact } : found;
  }
  return result ? { range: result.range, exact } : null;
}

/** Positions [start, end) of a bucket whose value at `position` lies in the range (the bucket is sorted by it). */
function bounds(bucket: SortedList<IndexEntry>, range: Range, position: number, direction: 1 | -1): [number, number] {
  if (range.empty) return [0, 0];
  const below = (entry: IndexEntry): boolean => belowRange(range, entry.values[position]);
  const above = (entry: IndexEntry): boolean => aboveRange(range, entry.values[position]);
  return direction === 1
    ? [bucket.boundary(below), bucket.boundary((entry) => !above(entry))]
    : [bucket.boundary(above), bucket.boundary((entry) => !below(entry))];
}

/** The filter says nothing beyond the pinned equalities (on plain values) and, optionally, the range read. */
function isCovered(index: OrderedIndex, shape: FilterShape, level: number, exactRange: boolean): boolean {
  if (shape.opaque) return false;
  for (const [field, conditions] of shape.conditions) {
    const position = index.spec.fields.indexOf(field);
    if (position >= 0 && position < level) {
      const values = conditions.length === 1 ? equalityValues(conditions[0]) : null;
      if (!values || !values.every(exactValue)) return false;
    } else if (!(position === level && exactRange)) {
      return false;
    }
  }
  return true;
}

/**
 * Values whose bucket holds exactly the documents equal to them (null's bucket also holds missing fields and empty
 * arrays; objects are keyed by their JSON).
 */
function exactValue(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value));
}
