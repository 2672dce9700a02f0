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

/** Production allows up to 100 indexes per collection. */
export const MAX_INDEXES = 100;

/** One database/collections/<name>.json file (see the README there). */
export interface CollectionManifest {
  name: string;
  indexes: IndexSpec[];
  /** Reserved for per-collection security rules (client access); kept as written, not enforced by the emulator yet. */
  rules?: Doc;
}

/** Reads every <collection>.json in `dir`; a malformed manifest stops the emulator with a message naming the file. */
export function loadManifests(dir: string): Map<string, IndexSpec[]> {
  const specs = new Map<string, IndexSpec[]>();
  if (!existsSync(dir)) return specs;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`索引清单 ${path} 不是合法的 JSON: ${(error as Error).message}`);
    }
    const manifest = parseManifest(parsed, (what) => new Error(`索引清单 ${path} 不正确: ${what}`));
    if (`${manifest.name}.json` !== file) throw new Error(`索引清单 ${path} 不正确: "name" must equal the file name`);
    specs.set(manifest.name, manifest.indexes);
  }
  return specs;
}

/** Validates one manifest object (also used for indexes declared at runtime). */
export function parseManifest(value: unknown, problem: (what: string) => Error): CollectionManifest {
  if (!isPlainObject(value)) throw problem('the manifest must be an object');
  if (typeof value.name !== 'string' || value.name === '') throw problem('"name" must be the collection name');
  const unknown = Object.keys(value).filter((key) => !['name', 'indexes', 'rules'].includes(key));
  if (unknown.length > 0) throw problem(`unknown key(s) ${unknown.join(', ')} (allowed: name, indexes, rules)`);
  if (!Array.isArray(value.indexes)) throw problem('"indexes" must be an array');
  if (value.indexes.length > MAX_INDEXES) throw problem(`at most ${MAX_INDEXES} indexes per collection (production limit)`);
  if (value.rules !== undefined && !isPlainObject(value.rules)) throw problem('"rules" must be an object when present');
  const names = new Set<string>();
  const indexes = value.indexes.map((index: unknown): IndexSpec => {
    if (!isPlainObject(index) || typeof index.name !== 'string' || !Array.isArray(index.keys) || index.keys.length === 0) {
      throw problem('each index needs a "name" and a non-empty "keys" array');
    }
    const extra = Object.keys(index).filter((key) => !['name', 'unique', 'keys'].includes(key));
    if (extra.length > 0) throw problem(`index ${index.name}: unknown key(s) ${extra.join(', ')} (allowed: name, unique, keys)`);
    if (names.has(index.name)) throw problem(`index name ${index.name} is used twice`);
    names.add(index.name);
    if (index.unique !== undefined && typeof index.unique !== 'boolean') throw problem(`"unique" of index ${index.name} must be true or false`);
    const fields = index.keys.map((key: unknown) => {
      if (!isPlainObject(key) || typeof key.field !== 'string' || key.field === '' || (key.direction !== 1 && key.direction !== -1)) {
        throw problem(`index ${index.name}: every key needs a "field" and a "direction" of 1 or -1`);
      }
      return key.field;
    });
    return { name: index.name, unique: index.unique === true, fields };
  });
  return value.rules === undefined ? { name: value.name, indexes } : { name: value.name, indexes, rules: value.rules };
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
    for (const [key, ids] of this.prefixes[this.prefixes.length - 1]) if (ids.size > 1) return key.split(SEP).slice(1).join(', ');
    return null;
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
