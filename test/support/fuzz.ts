/**
 * Property-based fuzzing of every action's payload as every role, shared by the fuzz suite in `npm test` (fixed seed,
 * a bounded number of runs) and `npm run fuzz` (≥ 10,000 runs per action, a printed report).
 *
 * Payloads are drawn from a seeded generator (mulberry32, so a failure names its seed and run and repeats exactly):
 * wrong types, huge strings, deep objects, prototype-pollution keys, Mongo operators where ids go, unicode edge cases
 * (NUL, lone surrogates, bidi controls), with the contract's own field names so they reach its validation. Properties
 * checked for each call:
 *  1. the function answers (no crash, no timeout) with the envelope `{ ok: true, data } | { ok: false, error }`;
 *  2. an error has a stable dotted code and a message, and is never INTERNAL.ERROR;
 *  3. a payload with NUL, a lone surrogate or nesting deeper than 32 is refused with INPUT.INVALID;
 *  4. a call refused for its input or its caller's role (INPUT.INVALID, AUTH.*) writes nothing to the database.
 */
import type { ActionContract } from '../../src/shared/contract';
import { CONTRACTS } from '../../src/shared/contracts';
import type { AppCloud } from './app';

/** Demo personas of the seed (scripts/local/demo-data.ts) and a stranger never seen before. */
export const FUZZ_CALLERS = ['o_demo_resident', 'o_demo_member', 'o_demo_deputy', 'o_demo_admin', 'o_demo_district', 'o_fuzz_stranger'];

/** Every action of every function, named `fn.action`. */
export function allActions(): Array<{ name: string; contract: ActionContract }> {
  return Object.values(CONTRACTS).flatMap((fn) => Object.values(fn as Record<string, ActionContract>).map((contract) => ({ name: `${contract.fn}.${contract.name}`, contract })));
}

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const STRINGS = [
  '', ' ', 'a', '东湖社区', 'o_demo_admin', 'case-1', 'LS-2026-000001', 'uploads/abcdefgh1234.jpg', 'cloud://lianxin-local.x/uploads/a.jpg',
  '<script>alert(1)</script>', "'; drop table users; --", '../../etc/passwd', '%00', '\u202eevil', '👨‍👩‍👧‍👦', 'ａｂｃ', 'ﾃｽﾄ',
  'a\u0000b', '\ud800', 'x\udc00y', '\udbff\udfff', '\ufeff', '\u2028', 'NaN', 'null', 'true', '1e309', '-0', '2026-13-45', 'T'.repeat(65),
];
const NUMBERS = [0, -0, 1, -1, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];
const OPERATORS = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(1000)' }, { $in: ['o_demo_admin'] }, { $exists: true }, { $expr: { $eq: [1, 1] } }];
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '$set', 'toString', 'hasOwnProperty', '_id', 'userInfo', 'OPENID'];

function leaf(random: Random, depth: number): unknown {
  const kind = Math.floor(random() * 12);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, NUMBERS);
    case 3:
    case 4:
      return pick(random, STRINGS);
    case 5:
      return pick(random, ['x', '中', '\u0000', 'a'])!.repeat(pick(random, [1000, 5000, 50_000]));
    case 6:
      return JSON.parse(JSON.stringify(pick(random, OPERATORS))) as unknown;
    case 7:
      return depth < 3 ? Array.from({ length: Math.floor(random() * 4) }, () => leaf(random, depth + 1)) : [];
    case 8:
      return deep(random, pick(random, [5, 40, 200]));
    case 9:
      // An own "__proto__" key, as JSON.parse makes it: the attacker's prototype-pollution shape.
      return JSON.parse('{"__proto__":{"isAdmin":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":1}}}') as unknown;
    case 10:
      return Array.from({ length: pick(random, [100, 2000]) }, (_, i) => i);
    default:
      return depth < 3 ? randomObject(random, [], depth + 1) : {};
  }
}

function deep(random: Random, levels: number): unknown {
  let value: unknown = pick(random, ['bottom', 1, null]);
  for (let i = 0; i < levels; i += 1) value = random() < 0.5 ? [value] : { a: value };
  return value;
}

function randomObject(random: Random, fields: string[], depth: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const count = Math.floor(random() * 5);
  for (let i = 0; i < count; i += 1) {
    const key = random() < 0.7 && fields.length ? pick(random, fields) : pick(random, [...DANGEROUS_KEYS, 'x', 'a\u0000', '\ud800key']);
    // defineProperty, so "__proto__" becomes an own key (as it would after JSON.parse) instead of setting the prototype.
    Object.defineProperty(object, key, { value: leaf(random, depth), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** The field names a contract's input object declares (valibot object `entries`, through pipes). */
function fieldsOf(contract: ActionContract): string[] {
  const schema = contract.input as unknown as { entries?: Record<string, unknown>; pipe?: Array<{ entries?: Record<string, unknown> }>; options?: Array<{ entries?: Record<string, unknown> }> };
  const entries = [schema.entries, ...(schema.pipe ?? []).map((part) => part.entries), ...(schema.options ?? []).map((option) => option.entries)];
  return [...new Set(entries.flatMap((entry) => (entry ? Object.keys(entry) : [])))];
}

/** One fuzzed event for `contract`: usually `{ action, payload }` with a hostile payload, sometimes a hostile event. */
export function eventFor(contract: ActionContract, random: Random): unknown {
  const roll = random();
  if (roll < 0.05) return leaf(random, 0);
  if (roll < 0.1) return { action: pick(random, [...DANGEROUS_KEYS, '', 'noSuchAction', contract.name.toUpperCase()]), payload: {} };
  if (roll < 0.15) return { Type: 'Timer', TriggerName: pick(random, ['daily', 'worker', 'deadlines']), Time: '2026-12-01T00:00:00Z' };
  const payload = random() < 0.1 ? leaf(random, 0) : randomObject(random, fieldsOf(contract), 0);
  return JSON.parse(JSON.stringify({ action: contract.name, payload })) as unknown;
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

const WRITES = ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc', 'database.commitTransaction'];

function writesSoFar(app: AppCloud): number {
  const calls = app.stack.emulator.adminCalls();
  return WRITES.reduce((sum, action) => sum + (calls[action] ?? 0), 0);
}

export interface FuzzFailure {
  action: string;
  caller: string;
  seed: number;
  run: number;
  problem: string;
  event: string;
}

export interface FuzzReport {
  action: string;
  runs: number;
  accepted: number;
  refused: Record<string, number>;
  failures: FuzzFailure[];
}

const CODE = /^[A-Z][A-Z_]*(\.[A-Z_]+)+$/;

/** Runs `runs` fuzzed calls of one action, cycling through the callers, one at a time (so writes can be attributed). */
export async function fuzzAction(app: AppCloud, name: string, contract: ActionContract, runs: number, seed: number): Promise<FuzzReport> {
  const random = seeded(seed);
  const runner = app.stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  const report: FuzzReport = { action: name, runs, accepted: 0, refused: {}, failures: [] };
  for (let run = 0; run < runs; run += 1) {
    const caller = FUZZ_CALLERS[run % FUZZ_CALLERS.length];
    const event = eventFor(contract, random);
    const fail = (problem: string): void => {
      if (report.failures.length < 20) report.failures.push({ action: name, caller, seed, run, problem, event: JSON.stringify(event)?.slice(0, 300) ?? String(event) });
    };
    const before = writesSoFar(app);
    let reply: unknown;
    try {
      reply = await runner.invoke(contract.fn, event, { OPENID: caller, source: 'wx_client' });
    } catch (error) {
      fail(`the function failed instead of answering: ${(error as Error).message}`);
      continue;
    }
    const envelope = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
    if (envelope?.ok === true && 'data' in envelope) {
      report.accepted += 1;
      if (mustBeRefused(event)) fail('accepted a payload with NUL, a lone surrogate or deep nesting');
      continue;
    }
    const code = envelope?.error?.code;
    if (envelope?.ok !== false || typeof code !== 'string' || typeof envelope.error?.message !== 'string' || !envelope.error.message) {
      fail(`not an envelope: ${JSON.stringify(reply)?.slice(0, 200)}`);
      continue;
    }
    report.refused[code] = (report.refused[code] ?? 0) + 1;
    if (!CODE.test(code)) fail(`error code is not a stable dotted code: ${code}`);
    if (code === 'INTERNAL.ERROR') fail(`INTERNAL.ERROR: ${String(envelope.error.message)}`);
    if (mustBeRefused(event) && code !== 'INPUT.INVALID' && !code.startsWith('AUTH.') && code !== 'ACTION.UNKNOWN') fail(`broken text refused as ${code}, not INPUT.INVALID`);
    if ((code === 'INPUT.INVALID' || code.startsWith('AUTH.')) && writesSoFar(app) !== before) fail(`refused with ${code} but wrote to the database`);
  }
  return report;
}
