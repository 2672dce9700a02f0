/**
 * Layer boundaries the code keeps: the client (src/) never imports the cloud, and China time (UTC+8) and the length of a
 * day are written once, in src/shared/calendar/dates.ts, so no page or function carries its own copy to drift.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) out.push(path);
  }
  return out;
}

const rel = (path: string): string => relative(ROOT, path).split('\\').join('/');

test('nothing under src/ imports from cloud/ (the client never loads cloud code)', () => {
  const offenders = sourceFiles(join(ROOT, 'src')).filter((file) =>
    /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"][^'"]*(?:cloudfunctions|cloud\/src)[^'"]*['"]/.test(readFileSync(file, 'utf8')),
  );
  expect(offenders.map(rel)).toEqual([]);
});

// The UTC+8 offset and a day in milliseconds, however they are spelled.
const CHINA_TIME_COPIES = [
  /\b8 \* 3_?600_?000\b/,
  /\b8 \* 60 \* 60\b/,
  /\b28_?800(?:_?000)?\b/,
  /\+08:00/,
  /\b86_?400_?000\b/,
  /\b24 \* 60 \* 60 \* 1000\b/,
  /\b24 \* 3_?600(?:_?000)?\b/,
  /Date\.UTC\([^)]*- 8\b/,
];
const THE_ONE_PLACE = 'src/shared/calendar/dates.ts';

test('China time and the length of a day are written only in src/shared/calendar/dates.ts', () => {
  // The emulator stands in for WeChat's platform (its cron is evaluated in UTC+8 by WeChat, not by our code) and loads
  // nothing from the app, so it keeps its own; everything of the app and its scripts uses the shared module.
  const files = ['src', 'cloud/src', 'scripts'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
  const strays = files
    .filter((file) => rel(file) !== THE_ONE_PLACE)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${rel(file)}:${index + 1}` }))
        .filter(({ line }) => CHINA_TIME_COPIES.some((pattern) => pattern.test(line)))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
  expect(strays).toEqual([]);
});

test('the scan would catch a copy (the patterns match the spellings found before they were merged)', () => {
  const samples = ['new Date(ms + 8 * 3_600_000)', 'const DAY = 86_400_000;', 'const DAY_MS = 24 * 60 * 60 * 1000;', 'Date.UTC(y, m - 1, d, h - 8, min)', "'2026-10-01T09:00:00+08:00'", 'const day = 24 * 3600_000;'];
  for (const sample of samples) expect(CHINA_TIME_COPIES.some((pattern) => pattern.test(sample))).toBe(true);
  expect(readFileSync(join(ROOT, THE_ONE_PLACE), 'utf8')).toMatch(/CHINA_OFFSET_MS = 8 \* HOUR_MS/);
});

test("no subpackage page imports another page's folder (shared pieces live in the package's components/)", () => {
  const offenders = sourceFiles(join(ROOT, 'src', 'packages')).filter((file) =>
    /from\s+['"]\.\.\/[a-z-]+\//.test(readFileSync(file, 'utf8')) && rel(file).includes('/pages/'),
  );
  expect(offenders.map(rel)).toEqual([]);
});
