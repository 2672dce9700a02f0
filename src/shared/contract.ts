/**
 * One contract per cloud action, shared by client and cloud: the payload schema (valibot — no eval/new Function, so it
 * runs in the mini-program), who may call it, whether a retry is safe, and (as a type) what it answers.
 * The client validates forms with `input`; the cloud validates every payload with the same schema.
 */
import * as v from 'valibot';
import { AppError, ErrorCodes } from './errors';

/** Every WeChat user is a resident; member, deputy and admin are granted on top. */
export type Role = 'resident' | 'member' | 'deputy' | 'admin';
export const ROLES: readonly Role[] = ['resident', 'member', 'deputy', 'admin'];

export interface ActionSpec<I extends v.GenericSchema> {
  /** One line for people reading the contract (and the role-matrix report). */
  summary: string;
  input: I;
  /** Roles that may call the action at all; 'resident' means everyone. */
  roles: readonly Role[];
  /**
   * For admins: the handler checks that the target lies inside the admin's organisation scope (AUTH.FORBIDDEN
   * otherwise). Listed here so the role-matrix test knows to try inside and outside.
   */
  scoped?: boolean;
  /** Safe to send twice (reads, or writes keyed by a client request id): the transport may retry it. */
  idempotent: boolean;
}

export interface ActionContract<I extends v.GenericSchema = v.GenericSchema, O = unknown> extends ActionSpec<I> {
  /** Cloud function that serves it. */
  readonly fn: string;
  /** Action name inside the function. */
  readonly name: string;
  /** Phantom: the answer's type. Never set at runtime. */
  readonly __output?: O;
}

/** What the caller sends (before schema defaults/transforms). */
export type InputOf<A> = A extends ActionContract<infer I, unknown> ? v.InferInput<I> : never;
/** What the handler receives (after the schema parsed it). */
export type ParsedOf<A> = A extends ActionContract<infer I, unknown> ? v.InferOutput<I> : never;
/** What the action answers. */
export type OutputOf<A> = A extends ActionContract<v.GenericSchema, infer O> ? O : never;

/** Declares one action: `action({...}).returns<Answer>()`. */
export function action<I extends v.GenericSchema>(spec: ActionSpec<I>): { returns<O>(): Omit<ActionContract<I, O>, 'fn' | 'name'> } {
  return { returns: () => spec };
}

export type FunctionContract = Record<string, ActionContract>;

/** Names the actions of one cloud function, so each contract knows where it is served. */
export function defineFunction<F extends string, A extends Record<string, Omit<ActionContract, 'fn' | 'name'>>>(
  fn: F,
  actions: A,
): { [K in keyof A]: A[K] & { readonly fn: F; readonly name: K & string } } {
  const named = {} as { [K in keyof A]: A[K] & { readonly fn: F; readonly name: K & string } };
  for (const key of Object.keys(actions) as Array<keyof A & string>) {
    named[key] = { ...actions[key], fn, name: key };
  }
  return named;
}

// valibot's own messages ("Invalid key: Expected …") are for programmers; a schema without a message of its own for
// some check (a key left out, paging numbers) answers these instead.
const MISSING = '这一项没有填写，请补上';
const WRONG = '这一项填写有误，请检查后再试';

function plainMessage(issue: v.BaseIssue<unknown>): string {
  if (!/^Invalid \w+: /.test(issue.message)) return issue.message;
  return issue.input === undefined ? MISSING : WRONG;
}

/** Validates input against an action's schema; INPUT.INVALID with per-field messages when it does not fit. */
export function parseInput<A extends ActionContract>(contract: A, input: unknown): ParsedOf<A> {
  const unusable = unusableText(input, '', 0);
  if (unusable) throw new AppError(ErrorCodes.INPUT_INVALID, `填写有误：${unusable.message}`, { fields: { [unusable.path || '_']: unusable.message } });
  const result = v.safeParse(contract.input, input === undefined ? {} : input);
  if (result.success) return result.output as ParsedOf<A>;
  const fields: Record<string, string> = {};
  for (const issue of result.issues) {
    const path = issue.path?.map((item) => String(item.key)).join('.') || '_';
    fields[path] ??= plainMessage(issue);
  }
  const first = Object.values(fields)[0] ?? '内容不符合要求';
  throw new AppError(ErrorCodes.INPUT_INVALID, `填写有误：${first}`, { fields });
}

/** Deeper than any contract nests (a few levels): deeper input is an attack on recursion, refused before it is walked. */
const MAX_DEPTH = 32;
/**
 * NUL, or half of a surrogate pair: text no one typed, which breaks storage, exports and WeChat's checks. (A loop, not
 * a regular expression: older iOS WeChat has no lookbehind, and this module runs in the mini-program too.)
 */
function brokenText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/** The first place in a payload (keys included) holding broken text, or nested too deep; null when there is none. */
function unusableText(value: unknown, path: string, depth: number): { path: string; message: string } | null {
  if (typeof value === 'string') return brokenText(value) ? { path, message: '含有无法识别的字符，请删去后再试' } : null;
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_DEPTH) return { path, message: '内容层级过深' };
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (brokenText(key)) return { path: at, message: '含有无法识别的字符，请删去后再试' };
    const found = unusableText(item, at, depth + 1);
    if (found) return found;
  }
  return null;
}

// Schema pieces with Chinese messages, reused by every contract.

/** A non-empty trimmed string of at most `max` characters. */
export const text = (label: string, max: number, min = 1) =>
  v.pipe(
    v.string(`${label}需为文字`),
    v.trim(),
    v.minLength(min, `请填写${label}`),
    v.maxLength(max, `${label}不能超过 ${max} 字`),
  );

/** An id of a stored document: a choice on a form (工作室, 承办代表), so the messages ask to choose. */
export const id = (label: string) =>
  v.pipe(v.string(`请选择${label}`), v.minLength(1, `请选择${label}`), v.maxLength(64, `${label}有误，请重新选择`));

/** Empty object payload. */
export const empty = v.object({});

/** Page cursor: skip-based paging with a bounded page size. */
export const page = {
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50, '一页最多 50 条')), 20),
};
