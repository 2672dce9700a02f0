/**
 * Declared indexes: one manifest per collection in database/collections/<name>.json (also used for production setup).
 * The emulator keeps a hash index per declared index so an equality query on its leading fields does not scan.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainObject, type Doc } from './ejson';
import { valuesAt } from './paths';

export interface IndexSpec {
  name: string;
  unique: boolean;
  fields: string[];
}

interface ManifestIndex {
  name: string;
  unique?: boolean;
  keys: Array<{ field: string; direction: 1 | -1 }>;
}

/** Reads every <collection>.json in `dir`; a malformed manifest stops the emulator with a message naming the file. */
export function loadManifests(dir: string): Map<string, IndexSpec[]> {
  const specs = new Map<string, IndexSpec[]>();
  if (!existsSync(dir)) return specs;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, file);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; indexes?: unknown };
    const problem = (what: string): Error => new Error(`索引清单 ${path} 不正确: ${what}`);
    if (typeof manifest.name !== 'string' || `${manifest.name}.json` !== file) throw problem('"name" must equal the file name');
    if (!Array.isArray(manifest.indexes)) throw problem('"indexes" must be an array');
    specs.set(
      manifest.name,
      (manifest.indexes as ManifestIndex[]).map((index) => {
        if (typeof index.name !== 'string' || !Array.isArray(index.keys) || index.keys.length === 0) throw problem('each index needs a name and keys');
        for (const key of index.keys) {
          if (typeof key.field !== 'string' || (key.direction !== 1 && key.direction !== -1)) throw problem(`bad key in index ${index.name}`);
        }
        return { name: index.name, unique: index.unique === true, fields: index.keys.map((key) => key.field) };
      }),
    );
  }
  return specs;
}

/** A stable, type-tagged key for one value (null and missing are the same, as in Mongo equality). */
export function valueKey(value: unknown): string {
  if (value === null || value === undefined) return 'z';
  if (value instanceof Date) return `d${value.getTime()}`;
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${value}`;
    case 'boolean':
      return `b${value}`;
    default:
      return `o${JSON.stringify(value)}`;
  }
}

const SEP = '\u0001';

function tuples(columns: unknown[][]): string[] {
  let keys = [''];
  for (const column of columns) {
    const next: string[] = [];
    for (const prefix of keys) for (const value of new Set(column.map(valueKey))) next.push(prefix + SEP + value);
    keys = next;
  }
  return keys;
}

/** Hash index over every prefix of a declared index's fields. */
export class HashIndex {
  private readonly prefixes: Array<Map<string, Set<string>>>;

  constructor(readonly spec: IndexSpec) {
    this.prefixes = spec.fields.map(() => new Map());
  }

  /** Full-key tuples of a document (used for uniqueness); null when a field is missing (sparse for uniqueness). */
  fullKeys(doc: Doc): string[] | null {
    const columns = this.spec.fields.map((field) => valuesAt(doc, field));
    if (columns.some((column) => column.every((value) => value === undefined))) return null;
    return tuples(columns);
  }

  add(id: string, doc: Doc): void {
    this.forEachPrefix(doc, (map, key) => {
      let ids = map.get(key);
      if (!ids) map.set(key, (ids = new Set()));
      ids.add(id);
    });
  }

  remove(id: string, doc: Doc): void {
    this.forEachPrefix(doc, (map, key) => {
      const ids = map.get(key);
      ids?.delete(id);
      if (ids && ids.size === 0) map.delete(key);
    });
  }

  /** Ids holding any of the given full keys (uniqueness check). */
  holders(key: string): Set<string> | undefined {
    return this.prefixes[this.prefixes.length - 1].get(key);
  }

  /** Candidate ids for equality values on the first `columns.length` fields. */
  lookup(columns: unknown[][]): Set<string> {
    const map = this.prefixes[columns.length - 1];
    const result = new Set<string>();
    for (const key of tuples(columns)) for (const id of map.get(key) ?? []) result.add(id);
    return result;
  }

  private forEachPrefix(doc: Doc, visit: (map: Map<string, Set<string>>, key: string) => void): void {
    const columns = this.spec.fields.map((field) => valuesAt(doc, field));
    for (let length = 1; length <= columns.length; length++) {
      for (const key of tuples(columns.slice(0, length))) visit(this.prefixes[length - 1], key);
    }
  }
}

export interface FilterShape {
  /** field → the values it must equal (one for $eq / a literal, several for $in). */
  equal: Map<string, unknown[]>;
  /** fields constrained some other way ($gt, $regex, ...). */
  other: Set<string>;
}

/** What a filter constrains, looking through top-level $and; $or/$nor are treated as unindexable. */
export function shapeOf(filter: Doc): FilterShape {
  const shape: FilterShape = { equal: new Map(), other: new Set() };
  const visit = (part: Doc): void => {
    for (const [key, condition] of Object.entries(part)) {
      if (key === '$and' && Array.isArray(condition)) {
        condition.filter(isPlainObject).forEach(visit);
        continue;
      }
      if (key.startsWith('$')) continue;
      const values = equalityValues(condition);
      if (values && !shape.equal.has(key)) shape.equal.set(key, values);
      else shape.other.add(key);
    }
  };
  visit(filter);
  return shape;
}

function equalityValues(condition: unknown): unknown[] | null {
  if (condition instanceof RegExp) return null;
  if (!isPlainObject(condition)) return Array.isArray(condition) ? null : [condition];
  const keys = Object.keys(condition);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return null;
  if (keys.length === 1 && keys[0] === '$eq' && !(condition.$eq instanceof RegExp) && !Array.isArray(condition.$eq)) return [condition.$eq];
  if (keys.length === 1 && keys[0] === '$in' && Array.isArray(condition.$in) && !condition.$in.some((v) => v instanceof RegExp || Array.isArray(v))) {
    return condition.$in;
  }
  return null;
}
