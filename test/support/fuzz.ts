/**
 * Property-based fuzzing of every action's payload as every role, shared by the fuzz suite in `npm test` (fixed seed,
 * a bounded number of runs) and `npm run fuzz` (≥ 10,000 runs per action, a printed report).
 *
 * Events come from fast-check arbitraries (a fixed seed repeats a run exactly; a failure is shrunk and names its seed
 * and replay path): wrong types, huge strings, deep objects, prototype-pollution keys, Mongo operators in id fields,
 * unicode edge cases (NUL, lone surrogates, bidi controls), with the contract's own field names so they reach its
 * validation. Properties
 * checked for each call:
 *  1. the function answers (no crash, no timeout) with the envelope `{ ok: true, data } | { ok: false, error }`;
 *  2. an error has a stable dotted code and a message, and is never INTERNAL.ERROR;
 *  3. a payload with NUL, a lone surrogate or nesting deeper than 32 is refused with INPUT.INVALID;
 *  4. a refused call leaves the store as it found it (every collection compared before and after: no partial write).
 */
import fc from 'fast-check';
import type { ActionContract } from '../../src/shared/contract';
import { CONTRACTS } from '../../src/shared/contracts';
import type { AppCloud } from './app';

/** Demo personas of the seed (scripts/local/demo-data.ts) and a stranger never seen before. */
export const FUZZ_CALLERS = ['o_demo_resident', 'o_demo_member', 'o_demo_deputy', 'o_demo_admin', 'o_demo_district', 'o_fuzz_stranger'];

/** Every action of every function, named `fn.action`. */
export function allActions(): Array<{ name: string; contract: ActionContract }> {
  return Object.values(CONTRACTS).flatMap((fn) => Object.values(fn as Record<string, ActionContract>).map((contract) => ({ name: `${contract.fn}.${contract.name}`, contract })));
}

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '$set', 'toString', 'hasOwnProperty', '_id', 'userInfo', 'OPENID'];
const STRINGS = [
  '', ' ', 'a', '东湖社区', 'o_demo_admin', 'case-1', 'LS-2026-000001', 'uploads/abcdefgh1234.jpg', 'cloud://lianxin-local.x/uploads/a.jpg',
  '<script>alert(1)</script>', "'; drop table users; --", '../../etc/passwd', '%00', '\u202eevil', '👨‍👩‍👧‍👦', 'ａｂｃ', 'ﾃｽﾄ',
  'a\u0000b', '\ud800', 'x\udc00y', '\udbff\udfff', '\ufeff', '\u2028', 'NaN', 'null', 'true', '1e309', '-0', '2026-13-45', 'T'.repeat(65),
];
const NUMBERS = [0, -0, 1, -1, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];
const OPERATORS = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(1000)' }, { $in: ['o_demo_admin'] }, { $exists: true }, { $expr: { $eq: [1, 1] } }];
const POLLUTION = '{"__proto__":{"isAdmin":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":1}}}';

/** Text: known-nasty strings, any code units (NUL and lone surrogates included), any graphemes. */
const text = fc.oneof(fc.constantFrom(...STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
/** Strings far beyond any field's limit. */
const huge = fc.tuple(fc.constantFrom('x', '中', '\u0000', 'a'), fc.constantFrom(1000, 5000, 50_000)).map(([unit, length]) => unit.repeat(length));
/** Nesting 5, 40 or 200 levels deep, arrays and objects mixed. */
const deep = fc.tuple(fc.constantFrom(5, 40, 200), fc.constantFrom<unknown>('bottom', 1, null), fc.integer()).map(([levels, bottom, bits]) => {
  let value = bottom;
  for (let i = 0; i < levels; i += 1) value = (bits >>> i % 31) & 1 ? [value] : { a: value };
  return value;
});
/** A Mongo query operator where a value (an id above all) belongs. */
const operator = fc.constantFrom(...OPERATORS).map((op) => JSON.parse(JSON.stringify(op)) as unknown);
/** Own "__proto__" / "constructor" keys, as JSON.parse makes them: the attacker's prototype-pollution shape. */
const pollution = fc.constant(POLLUTION).map((json) => JSON.parse(json) as unknown);

/** Small hostile values, at any depth. */
const smallLeaves: Array<fc.Arbitrary<unknown>> = [fc.constant(null), fc.boolean(), fc.oneof(fc.constantFrom(...NUMBERS), fc.integer(), fc.double()), text, operator, pollution];
/** Costly ones (≈ 50 KB strings, 200 levels, 2,000 items) only where a field's value goes, so one call stays small. */
const bigLeaves: Array<fc.Arbitrary<unknown>> = [huge, deep, fc.constantFrom(100, 2000).map((length) => Array.from({ length }, (_, i) => i))];

/** An object of hostile values under `key`s; defineProperty so "__proto__" is an own key, not the prototype. */
function objectOf(key: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(key, value), { maxLength: 4 }).map((entries) => {
    const object: Record<string, unknown> = {};
    for (const [name, item] of entries) Object.defineProperty(object, name, { value: item, enumerable: true, writable: true, configurable: true });
    return object;
  });
}

/** A hostile value nested at most `3 - depth` more levels of arrays and objects. */
function valueAt(key: fc.Arbitrary<string>, depth: number): fc.Arbitrary<unknown> {
  const leaves = depth === 0 ? [...smallLeaves, ...bigLeaves] : smallLeaves;
  if (depth >= 3) return fc.oneof(...leaves);
  const inner = valueAt(key, depth + 1);
  return fc.oneof(...leaves, fc.array(inner, { maxLength: 3 }), objectOf(key, inner));
}

/** The field names a contract's input object declares (valibot object `entries`, through pipes). */
function fieldsOf(contract: ActionContract): string[] {
  const schema = contract.input as unknown as { entries?: Record<string, unknown>; pipe?: Array<{ entries?: Record<string, unknown> }>; options?: Array<{ entries?: Record<string, unknown> }> };
  const entries = [schema.entries, ...(schema.pipe ?? []).map((part) => part.entries), ...(schema.options ?? []).map((option) => option.entries)];
  return [...new Set(entries.flatMap((entry) => (entry ? Object.keys(entry) : [])))];
}

/**
 * Fuzzed events for `contract`: mostly `{ action, payload }` whose payload uses the contract's own field names (so it
 * reaches validation) with hostile values; Mongo operators in its id fields; an unknown or hostile action name; a
 * forged timer event; or a bare hostile value as the whole event. Each goes through JSON, as a real event does.
 */
export function eventsFor(contract: ActionContract): fc.Arbitrary<unknown> {
  const fields = fieldsOf(contract);
  const odd = fc.constantFrom(...DANGEROUS_KEYS, 'x', 'a\u0000', '\ud800key');
  const key = fields.length ? fc.oneof({ arbitrary: fc.constantFrom(...fields), weight: 7 }, { arbitrary: odd, weight: 3 }) : odd;
  const value = valueAt(key, 0);
  const idFields = fields.filter((field) => /id$/i.test(field));
  const idAttack = idFields.length
    ? fc.tuple(fc.subarray(idFields, { minLength: 1 }), operator, objectOf(key, value)).map(([names, op, rest]) => ({ ...rest, ...Object.fromEntries(names.map((name) => [name, op])) }))
    : objectOf(key, value);
  const event = fc.oneof(
    { arbitrary: value, weight: 1 },
    { arbitrary: fc.record({ action: fc.constantFrom(...DANGEROUS_KEYS, '', 'noSuchAction', contract.name.toUpperCase()), payload: fc.constant({}) }), weight: 1 },
    { arbitrary: fc.record({ Type: fc.constant('Timer'), TriggerName: fc.constantFrom('daily', 'worker', 'deadlines'), Time: fc.constant('2026-12-01T00:00:00Z') }), weight: 1 },
    { arbitrary: idAttack.map((payload) => ({ action: contract.name, payload })), weight: 3 },
    { arbitrary: value.map((payload) => ({ action: contract.name, payload })), weight: 2 },
    { arbitrary: objectOf(key, value).map((payload) => ({ action: contract.name, payload })), weight: 12 },
  );
  return event.map((item) => JSON.parse(JSON.stringify(item)) as unknown);
}

/** True when the event holds NUL, a lone surrogate (in a key or a value) or nesting deeper than 32 under `payload`. */
export function mustBeRefused(event: unknown): boolean {
  const payload = (event as { payload?: unknown } | null)?.payload;
  let found = false;
  const visit = (value: unknown, depth: number): void => {
    if (found) return;
    if (typeof value === 'string') {
      found = value.includes('\u0000') || /[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/.test(value);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (depth >= 32) {
      found = true;
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      visit(key, depth);
      visit(item, depth + 1);
    }
  };
  visit(payload, 0);
  return found;
}

type Store = Map<string, Map<string, unknown>>;

/** Where `after` differs from `before` ("users/abc added"), at most a few: documents are compared by reference. */
export function storeChanges(before: Store, after: Store): string[] {
  const changes: string[] = [];
  for (const [collection, docs] of after) {
    const earlier = before.get(collection) ?? new Map<string, unknown>();
    for (const [id, doc] of docs) if (earlier.get(id) !== doc) changes.push(`${collection}/${id} ${earlier.has(id) ? 'changed' : 'added'}`);
    for (const id of earlier.keys()) if (!docs.has(id)) changes.push(`${collection}/${id} removed`);
  }
  for (const collection of before.keys()) if (!after.has(collection)) changes.push(`${collection} dropped`);
  return changes.slice(0, 5);
}

export interface FuzzFailure {
  action: string;
  seed: number;
  /** fast-check's replay path: `fc.check(..., { seed, path })` repeats the shrunk failing call. */
  path: string;
  problem: string;
  caller: string;
  event: string;
}

export interface FuzzReport {
  action: string;
  /** Calls made, shrinking after a failure included. */
  calls: number;
  accepted: number;
  refused: Record<string, number>;
  callers: Set<string>;
  failure: FuzzFailure | null;
}

const CODE = /^[A-Z][A-Z_]*(\.[A-Z_]+)+$/;

/** One call and the properties it must hold; resolves null or what went wrong. */
async function checkCall(app: AppCloud, contract: ActionContract, caller: string, event: unknown, report: FuzzReport): Promise<string | null> {
  const runner = app.stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  report.calls += 1;
  report.callers.add(caller);
  const before = app.stack.emulator.db.snapshot();
  let reply: unknown;
  try {
    reply = await runner.invoke(contract.fn, event, { OPENID: caller, source: 'wx_client' });
  } catch (error) {
    return `the function failed instead of answering: ${(error as Error).message}`;
  }
  const envelope = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (envelope?.ok === true && 'data' in envelope) {
    report.accepted += 1;
    return mustBeRefused(event) ? 'accepted a payload with NUL, a lone surrogate or deep nesting' : null;
  }
  const code = envelope?.error?.code;
  if (envelope?.ok !== false || typeof code !== 'string' || typeof envelope.error?.message !== 'string' || !envelope.error.message) {
    return `not an envelope: ${JSON.stringify(reply)?.slice(0, 200)}`;
  }
  report.refused[code] = (report.refused[code] ?? 0) + 1;
  if (!CODE.test(code)) return `error code is not a stable dotted code: ${code}`;
  if (code === 'INTERNAL.ERROR') return `INTERNAL.ERROR: ${String(envelope.error.message)}`;
  if (mustBeRefused(event) && code !== 'INPUT.INVALID' && !code.startsWith('AUTH.') && code !== 'ACTION.UNKNOWN') return `broken text refused as ${code}, not INPUT.INVALID`;
  // Any refusal, not only bad input: a refused call leaves the store exactly as it found it (no partial write).
  const changes = storeChanges(before, app.stack.emulator.db.snapshot());
  return changes.length ? `refused with ${code} but changed the store: ${changes.join(', ')}` : null;
}

/**
 * Fuzzes one action with fast-check: `runs` events from eventsFor(contract), each from a caller drawn from every role,
 * one call at a time (so a store change is the call's own). A failure is shrunk to a small event and reported with
 * its seed and replay path.
 */
export async function fuzzAction(app: AppCloud, name: string, contract: ActionContract, runs: number, seed: number): Promise<FuzzReport> {
  const report: FuzzReport = { action: name, calls: 0, accepted: 0, refused: {}, callers: new Set(), failure: null };
  let last = { caller: '', event: '' as unknown, problem: '' };
  const property = fc.asyncProperty(fc.constantFrom(...FUZZ_CALLERS), eventsFor(contract), async (caller, event) => {
    const problem = await checkCall(app, contract, caller, event, report);
    if (problem) {
      last = { caller, event, problem };
      throw new Error(problem);
    }
  });
  const details = await fc.check(property, { seed, numRuns: runs, maxSkipsPerRun: 0 });
  if (details.failed) {
    const [caller, event] = details.counterexample ?? [last.caller, last.event];
    report.failure = {
      action: name,
      seed,
      path: details.counterexamplePath ?? '',
      problem: details.errorInstance instanceof Error ? details.errorInstance.message : last.problem,
      caller,
      event: JSON.stringify(event)?.slice(0, 300) ?? String(event),
    };
  }
  return report;
}
