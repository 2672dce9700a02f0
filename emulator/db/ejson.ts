/** Values travel as canonical EJSON strings (bson 4.x, as the SDK uses); mingo wants plain JS values. */
import { BSONRegExp, EJSON } from 'bson';

export type Doc = Record<string, unknown>;

/** Parses one EJSON string into plain JS: Dates stay Dates, BSON regexes become RegExp, server dates are resolved. */
export function decode(text: unknown, now: () => Date = () => new Date()): unknown {
  if (typeof text !== 'string') throw new TypeError('expected an EJSON string');
  return toPlain(EJSON.parse(text, { relaxed: true }), now);
}

/** Decodes an EJSON string that must hold an object (a filter, an order, a document). */
export function decodeObject(text: unknown, what: string, now?: () => Date): Doc {
  const value = decode(text, now);
  if (!isPlainObject(value)) throw new TypeError(`${what} must be an object`);
  return value;
}

/** Canonical EJSON, as the real service answers (the SDK parses it back into Dates and numbers). */
export function encode(doc: unknown): string {
  return EJSON.stringify(doc as Parameters<typeof EJSON.stringify>[0], { relaxed: false });
}

export function isPlainObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp);
}

function toPlain(value: unknown, now: () => Date): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''));
  if (Array.isArray(value)) return value.map((item) => toPlain(item, now));
  if (isPlainObject(value)) {
    const serverDate = value.$tcb_server_date;
    if (serverDate !== undefined && Object.keys(value).length === 1) {
      const offset = isPlainObject(serverDate) && typeof serverDate.offset === 'number' ? serverDate.offset : 0;
      return new Date(now().getTime() + offset);
    }
    const out: Doc = {};
    for (const [key, item] of Object.entries(value)) out[key] = toPlain(item, now);
    return out;
  }
  return value;
}

/**
 * A deep copy of a stored document. Not structuredClone: under Jest it builds Dates of another realm, which mingo's
 * grouping (and so its sort) does not recognise as equal to ours; and it would turn BSON values into plain objects.
 * Stored values are never mutated, so anything but plain objects, arrays and Dates is shared.
 */
export function cloneDoc(doc: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) out[key] = cloneValue(value);
  return out;
}

function cloneValue(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isPlainObject(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value))) return cloneDoc(value);
  return value;
}
