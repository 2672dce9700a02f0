/**
 * Every error a function or the client can answer carries a dotted code (ENTITY.WHAT), so a page can tell a wrong
 * studio from a wrong user and a form can mark its field. Checked two ways: every code constant, and every place the
 * source builds an AppError (a literal or a constant it names).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODE_PATTERN } from '../../src/shared/errors';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const FILES = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'cloud', 'src'))];

/**
 * Every group of error codes the sources declare (`export const CaseErrors = { NOT_FOUND: 'CASE.NOT_FOUND', … }`),
 * found by reading them, so a new group is checked without anyone listing it here.
 */
function codeGroups(files: readonly string[]): Record<string, Record<string, string>> {
  const groups: Record<string, Record<string, string>> = {};
  for (const file of files) {
    for (const [, name, body] of readFileSync(file, 'utf8').matchAll(/export const (\w*Error\w*) = \{([^}]*)\}/g)) {
      groups[name] = Object.fromEntries([...body.matchAll(/(\w+): '([^']*)'/g)].map(([, key, code]) => [key, code]));
    }
  }
  return groups;
}

const CONSTANTS = codeGroups(FILES);

/** The codes `new AppError(code, …)`, `fieldError(code, …)` and the router's `failure(code, …)` are given in one file. */
function codesBuiltIn(file: string, aliases: ReadonlyMap<string, string>): Array<{ at: string; code: string }> {
  const text = readFileSync(file, 'utf8');
  const found: Array<{ at: string; code: string }> = [];
  for (const match of text.matchAll(/(?:new AppError|fieldError|failure)\(\s*([^,()]+?)\s*,/g)) {
    const argument = match[1];
    const at = `${relative(ROOT, file)}: ${match[0]}`;
    const literal = /^'([^']*)'$/.exec(argument);
    const member = /^(\w+)\.(\w+)$/.exec(argument);
    if (literal) found.push({ at, code: literal[1] });
    else if (member && CONSTANTS[member[1]]) found.push({ at, code: CONSTANTS[member[1]][member[2]] ?? `(no ${argument})` });
    else {
      // An alias (`export const CASE_CONFLICT = CaseErrors.CONFLICT`, maybe imported) or a parameter passed through.
      const alias = aliases.get(argument);
      if (alias) found.push({ at, code: alias });
      else if (!/^(code|error\.code|code: string)$/.test(argument)) found.push({ at, code: `(unresolved ${argument})` });
    }
  }
  return found;
}

test('every error code constant is dotted, like CASE.NOT_FOUND', () => {
  expect(Object.keys(CONSTANTS)).toEqual(expect.arrayContaining(['ErrorCodes', 'CaseErrors', 'StudioErrors']));
  const codes = Object.values(CONSTANTS).flatMap((group) => Object.values(group));
  expect(codes.filter((code) => !ERROR_CODE_PATTERN.test(code))).toEqual([]);
  expect(codes).toEqual(expect.arrayContaining(['STUDIO.NOT_FOUND', 'SERVICE_POINT.NOT_FOUND', 'ORG.NOT_FOUND', 'USER.NOT_FOUND', 'CASE.CONFLICT']));
});

/** `const NAME = Group.KEY` anywhere in the sources: names that stand for a code constant. */
function codeAliases(files: readonly string[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const file of files) {
    for (const [, name, group, key] of readFileSync(file, 'utf8').matchAll(/const (\w+)\s*=\s*(\w+)\.(\w+);/g)) {
      if (CONSTANTS[group]?.[key]) aliases.set(name, CONSTANTS[group][key]);
    }
  }
  return aliases;
}

test('every error the client or a cloud function builds has a dotted code', () => {
  const aliases = codeAliases(FILES);
  const built = FILES.flatMap((file) => codesBuiltIn(file, aliases));
  expect(built.length).toBeGreaterThan(20);
  expect(built.filter(({ code }) => !ERROR_CODE_PATTERN.test(code)).map(({ at, code }) => `${at} → ${code}`)).toEqual([]);
});
