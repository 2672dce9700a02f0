/**
 * What residents read is plain Chinese, and one thing has one name. Every contract is fed empty and wrongly typed
 * payloads (what a broken page or a careless client sends) and every message that comes back is read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as v from 'valibot';
import { parseInput, type ActionContract } from '../../src/shared/contract';
import { CONTRACTS } from '../../src/shared/contracts';
import { AppError } from '../../src/shared/errors';

const ROOT = join(__dirname, '..', '..');

/** Field names of an object schema (looking through pipes and unions). */
function fieldsOf(schema: v.GenericSchema): string[] {
  const s = schema as unknown as { entries?: Record<string, unknown>; pipe?: unknown[]; options?: unknown[] };
  if (s.entries) return Object.keys(s.entries);
  const inner = s.pipe?.[0] ?? s.options?.[0];
  return inner ? fieldsOf(inner as v.GenericSchema) : [];
}

/** The messages a refusal carries: the one over the form and the one under each field. */
function refusalMessages(contract: ActionContract, payload: unknown): string[] {
  try {
    parseInput(contract, payload);
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = (error.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
    return [error.message, ...Object.values(fields)];
  }
}

/** Every message the contracts answer for an empty payload, and for each field sent as a number, a word or nothing. */
function contractMessages(): Array<{ where: string; message: string }> {
  const found: Array<{ where: string; message: string }> = [];
  for (const [fn, actions] of Object.entries(CONTRACTS)) {
    for (const [name, contract] of Object.entries(actions)) {
      const fields = fieldsOf(contract.input as v.GenericSchema);
      const payloads: unknown[] = [{}, ...[12345, 'x', '', -1, [1], { a: 1 }].map((value) => Object.fromEntries(fields.map((field) => [field, value])))];
      for (const payload of payloads) {
        for (const message of refusalMessages(contract as ActionContract, payload)) found.push({ where: `${fn}.${name} ${JSON.stringify(payload)}`, message });
      }
    }
  }
  return found;
}

// Words a resident should not have to decode: programmers' terms, "missing", English, formats, "score".
const TECHNICAL = /缺少|不正确|无效|YYYY|格式不|参数|字段|[A-Za-z]{3,}|评分|打分|整数/;
// File types people know by these names.
const KNOWN_WORDS = /JPG|PNG|GIF|WebP|PDF/g;

test('every message a form can get back from the contracts is plain Chinese', () => {
  const messages = contractMessages();
  expect(messages.length).toBeGreaterThan(100);
  const technical = [...new Set(messages.filter(({ message }) => TECHNICAL.test(message.replace(KNOWN_WORDS, ''))).map(({ where, message }) => `${message}  ← ${where.split(' ')[0]}`))];
  expect(technical).toEqual([]);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|css)$/.test(name) ? [path] : [];
  });
}

test('one name per thing: 回执编号 (never 受理编号), stars for 办理态度 (never 分), 已提交 for a case waiting for 批办', () => {
  const text = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'cloud', 'src'))].map((file) => readFileSync(file, 'utf8')).join('\n');
  expect(text).not.toMatch(/受理编号/);
  expect(text).not.toMatch(/[1-5１-５] ?分(?!钟)|打分|评分为/);
  // 待批办 is not a state's name; a sentence may still say a case is 等待批办.
  expect(text.replace(/等待批办/g, '')).not.toMatch(/待批办/);
});
