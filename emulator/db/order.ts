/**
 * How index keys are ordered, and which stretch of that order a range filter selects.
 *
 * The order is mingo's (the order every unindexed query of the emulator sorts by), which is MongoDB's BSON order for
 * what we store: null and missing tie, then numbers < strings < objects < arrays < booleans < dates. One deliberate
 * detail: NaN sorts before every other number (MongoDB's rule; mingo compares NaN as equal to anything, which is no
 * order at all).
 */
import { compare as mingoCompare, typeOf } from 'mingo/util';
import { isPlainObject } from './ejson';

/** Stands for the key of a document whose path crosses an array: such a key has no single place in the order. */
export const MULTIKEY: unique symbol = Symbol('multikey');

/** mingo's rank of each type in a sort (util/_internal SORT_ORDER); unknown types follow, by type name. */
const TYPE_RANK: Record<string, number> = {
  undefined: 1, null: 2, number: 3, string: 4, symbol: 5, object: 6, array: 7, arraybuffer: 8, boolean: 9, date: 10, regexp: 11, function: 12,
};

/**
 * The value a sort on a path (given split at its dots) sees: mingo's resolve for paths without arrays; MULTIKEY when
 * the path meets an array.
 */
export function sortValue(doc: unknown, path: string[]): unknown {
  let value: unknown = doc;
  for (const part of path) {
    if (Array.isArray(value)) return MULTIKEY;
    if (!isPlainObject(value)) return undefined;
    value = Object.prototype.hasOwnProperty.call(value, part) ? value[part] : undefined;
  }
  return Array.isArray(value) ? MULTIKEY : value;
}

/** Total order over sort values: mingo's order (missing = null), NaN first among numbers, MULTIKEY after everything. */
export function compareValues(left: unknown, right: unknown): number {
  // A sort groups a missing field with null (mingo's $sort, like MongoDB).
  const a = left === undefined ? null : left;
  const b = right === undefined ? null : right;
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  // Index upkeep compares constantly: the other common same-type cases skip mingo's general comparison.
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime()) || 0;
  if (a === MULTIKEY || b === MULTIKEY) return a === MULTIKEY ? 1 : -1;
  const byType = compareTypes(typeOf(a), typeOf(b));
  return byType !== 0 ? byType : mingoCompare(a, b);
}

function compareTypes(a: string, b: string): number {
  if (a === b) return 0;
  const rankA = TYPE_RANK[a] ?? Number.MAX_VALUE;
  const rankB = TYPE_RANK[b] ?? Number.MAX_VALUE;
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  return a < b ? -1 : 1;
}

export interface Bound {
  value: unknown;
  inclusive: boolean;
}

/**
 * The values of one type between optional bounds: what `$gt/$gte/$lt/$lte` select, since mingo (like MongoDB)
 * compares only values of the bound's type. `empty` when the conditions cannot hold together.
 */
export interface Range {
  type: string;
  low: Bound | null;
  high: Bound | null;
  empty: boolean;
}

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);
/**
 * Bound types whose order and type test are plain. Not null: mingo's `$lte: null` matches null but not a missing
 * field, which the order does not tell apart.
 */
const BOUND_TYPES = new Set(['number', 'string', 'boolean', 'date']);

/** The range an operator object imposes, or null when it has no usable range operator. `exact`: nothing else in it. */
export function rangeOf(condition: unknown): { range: Range; exact: boolean } | null {
  if (!isPlainObject(condition)) return null;
  let range: Range | null = null;
  let exact = true;
  for (const [operator, bound] of Object.entries(condition)) {
    const type = typeOf(bound);
    if (!RANGE_OPERATORS.has(operator) || !BOUND_TYPES.has(type) || (typeof bound === 'number' && Number.isNaN(bound))) {
      exact = false;
      continue;
    }
    const inclusive = operator === '$gte' || operator === '$lte';
    const one: Range = operator === '$gt' || operator === '$gte'
      ? { type, low: { value: bound, inclusive }, high: null, empty: false }
      : { type, low: null, high: { value: bound, inclusive }, empty: false };
    range = range ? intersect(range, one) : one;
  }
  return range ? { range, exact } : null;
}

/** Both ranges at once. */
export function intersect(a: Range, b: Range): Range {
  if (a.type !== b.type) return { ...a, empty: true };
  const low = tighter(a.low, b.low, 1);
  const high = tighter(a.high, b.high, -1);
  const crossed = low !== null && high !== null && (compareValues(low.value, high.value) > 0 || (compareValues(low.value, high.value) === 0 && !(low.inclusive && high.inclusive)));
  return { type: a.type, low, high, empty: a.empty || b.empty || crossed };
}

/** The stricter of two bounds: the larger low (`side` 1) or the smaller high (`side` -1). */
function tighter(a: Bound | null, b: Bound | null, side: 1 | -1): Bound | null {
  if (!a || !b) return a ?? b;
  const order = compareValues(a.value, b.value) * side;
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? b : a;
}

/** True when `value` sorts before every value of the range. */
export function belowRange(range: Range, value: unknown): boolean {
  if (value === MULTIKEY) return false;
  const byType = compareTypes(typeOf(value), range.type);
  if (byType !== 0) return byType < 0;
  if (!range.low) return false;
  const order = compareValues(value, range.low.value);
  return order < 0 || (order === 0 && !range.low.inclusive);
}

/** True when `value` sorts after every value of the range. */
export function aboveRange(range: Range, value: unknown): boolean {
  if (value === MULTIKEY) return true;
  const byType = compareTypes(typeOf(value), range.type);
  if (byType !== 0) return byType > 0;
  if (!range.high) return false;
  const order = compareValues(value, range.high.value);
  return order > 0 || (order === 0 && !range.high.inclusive);
}
