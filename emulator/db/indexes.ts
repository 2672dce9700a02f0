/**
 * Declared indexes: one manifest per collection in database/collections/<name>.json (also used for production setup).
 * The emulator keeps an ordered index per declared index (ordered-index.ts); this file reads the declarations and
 * tells what a filter pins.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainObject, type Doc } from './ejson';

export interface IndexSpec {
  name: string;
  unique: boolean;
  fields: string[];
  /** 1 or -1 per field, as declared (an index is read in this order, or in its exact reverse). */
  directions: Array<1 | -1>;
}

/** Production allows up to 100 indexes per collection. */
export const MAX_INDEXES = 100;

/** One database/collections/<name>.json file (see the README there). */
export interface CollectionManifest {
  name: string;
  indexes: IndexSpec[];
  /**
   * The collection's security rule for direct client access (CloudBase rule JSON). Lianxin keeps every collection
   * closed ({"read": false, "write": false}): all reads and writes go through cloud functions, which rules do not bind.
   */
  rules?: CollectionRule;
}

/** CloudBase's rule JSON: each of read/write is true, false or a rule expression string. */
export interface CollectionRule {
  read: boolean | string;
  write: boolean | string;
}

/** True when a rule lets no client read or write the collection directly. */
export function isClosedRule(rule: CollectionRule | undefined): boolean {
  return rule !== undefined && rule.read === false && rule.write === false;
}

/** Reads every <collection>.json in `dir`; a malformed manifest stops the emulator with a message naming the file. */
export function loadManifests(dir: string): Map<string, IndexSpec[]> {
  return new Map(readManifests(dir).map((manifest) => [manifest.name, manifest.indexes]));
}

/** Every manifest in `dir`, sorted by collection name (the deploy script and the emulator read the same files). */
export function readManifests(dir: string): CollectionManifest[] {
  const manifests: CollectionManifest[] = [];
  if (!existsSync(dir)) return manifests;
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
    manifests.push(manifest);
  }
  return manifests;
}

/** Validates one manifest object (also used for indexes declared at runtime). */
export function parseManifest(value: unknown, problem: (what: string) => Error): CollectionManifest {
  if (!isPlainObject(value)) throw problem('the manifest must be an object');
  if (typeof value.name !== 'string' || value.name === '') throw problem('"name" must be the collection name');
  const unknown = Object.keys(value).filter((key) => !['name', 'indexes', 'rules'].includes(key));
  if (unknown.length > 0) throw problem(`unknown key(s) ${unknown.join(', ')} (allowed: name, indexes, rules)`);
  if (!Array.isArray(value.indexes)) throw problem('"indexes" must be an array');
  if (value.indexes.length > MAX_INDEXES) throw problem(`at most ${MAX_INDEXES} indexes per collection (production limit)`);
  const rules = value.rules;
  if (rules !== undefined) {
    const ruleValue = (part: unknown): boolean => typeof part === 'boolean' || (typeof part === 'string' && part !== '');
    if (!isPlainObject(rules) || !ruleValue(rules.read) || !ruleValue(rules.write) || Object.keys(rules).some((key) => key !== 'read' && key !== 'write')) {
      throw problem('"rules" must be {"read": …, "write": …}, each true, false or a rule expression');
    }
  }
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
    const keys = index.keys.map((key: unknown) => {
      if (!isPlainObject(key) || typeof key.field !== 'string' || key.field === '' || (key.direction !== 1 && key.direction !== -1)) {
        throw problem(`index ${index.name}: every key needs a "field" and a "direction" of 1 or -1`);
      }
      const direction: 1 | -1 = key.direction === -1 ? -1 : 1;
      return { field: key.field, direction };
    });
    return { name: index.name, unique: index.unique === true, fields: keys.map((key) => key.field), directions: keys.map((key) => key.direction) };
  });
  return rules === undefined ? { name: value.name, indexes } : { name: value.name, indexes, rules: rules as unknown as CollectionRule };
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

export interface FilterShape {
  /** field → the values it must equal (one for $eq / a literal, several for $in). */
  equal: Map<string, unknown[]>;
  /** fields constrained some other way ($gt, $regex, ...). */
  other: Set<string>;
  /** field → every condition on it (a field may appear again inside $and). */
  conditions: Map<string, unknown[]>;
  /** The filter also has top-level operators other than $and ($or, $nor, $expr...): it says more than its fields do. */
  opaque: boolean;
}

/** What a filter constrains, looking through top-level $and; $or/$nor are treated as unindexable. */
export function shapeOf(filter: Doc): FilterShape {
  const shape: FilterShape = { equal: new Map(), other: new Set(), conditions: new Map(), opaque: false };
  const visit = (part: Doc): void => {
    for (const [key, condition] of Object.entries(part)) {
      if (key === '$and' && Array.isArray(condition) && condition.every(isPlainObject)) {
        condition.forEach(visit);
        continue;
      }
      if (key.startsWith('$')) {
        shape.opaque = true;
        continue;
      }
      shape.conditions.set(key, [...(shape.conditions.get(key) ?? []), condition]);
      const values = equalityValues(condition);
      if (values && !shape.equal.has(key)) shape.equal.set(key, values);
      else shape.other.add(key);
    }
  };
  visit(filter);
  return shape;
}

/** The values an equality condition (`v`, `$eq`, `$in`) accepts, or null for any other condition. */
export function equalityValues(condition: unknown): unknown[] | null {
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
