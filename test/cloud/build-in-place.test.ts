/**
 * Acceptance: the real `npm run build:cloud` writes deploy folders where project.config.json's cloudfunctionRoot says
 * (what WeChat DevTools uploads), and each one loads with exactly
 * `node -e "require('./cloudfunctions/<fn>/index.js').main"` from the repository root.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** cloudfunctionRoot without its trailing slash, relative to the repository root (e.g. "cloudfunctions"). */
function cloudfunctionRoot(): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as { cloudfunctionRoot?: unknown };
  if (typeof config.cloudfunctionRoot !== 'string') throw new Error('project.config.json has no cloudfunctionRoot');
  return config.cloudfunctionRoot.replace(/\/+$/, '');
}

/** Deploy folders: the folders under cloudfunctionRoot that carry a config.json (sources live in src/, which has none). */
function deployedFunctions(): string[] {
  const root = join(ROOT, cloudfunctionRoot());
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'config.json')))
    .map((entry) => entry.name)
    .sort();
}

let built: string[];
beforeAll(async () => {
  await run(NPM, ['run', 'build:cloud'], { cwd: ROOT, timeout: 120_000 });
  built = deployedFunctions();
}, 150_000);

test('npm run build:cloud fills cloudfunctionRoot with one deploy folder per function source', () => {
  const sources = readdirSync(join(ROOT, 'cloud/src/functions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  expect(cloudfunctionRoot()).toBe('cloudfunctions');
  expect(sources.length).toBeGreaterThan(0);
  expect(built).toEqual(expect.arrayContaining(sources));
});

test('cloudfunctionRoot holds deploy folders only: the TypeScript sources live in cloud/src, so WeChat DevTools lists no "src" function', () => {
  const folders = readdirSync(join(ROOT, cloudfunctionRoot()), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  const notDeployable = folders.filter((name) => !existsSync(join(ROOT, cloudfunctionRoot(), name, 'config.json')));
  expect(notDeployable).toEqual([]);
  expect(folders).toEqual(expect.arrayContaining(built));
  expect(existsSync(join(ROOT, 'cloud/src/functions'))).toBe(true);
});

test('every deploy folder loads with `node -e "require(\'./cloudfunctions/<fn>/index.js\').main"` and exports main as a function', async () => {
  const root = cloudfunctionRoot();
  const loaded: Record<string, string> = {};
  for (const fn of built) {
    const modulePath = `./${root}/${fn}/index.js`;
    // Exactly the acceptance command: exits 0 when the bundle loads (execFile rejects on any other exit code).
    await run('node', ['-e', `require('${modulePath}').main`], { cwd: ROOT });
    const { stdout } = await run('node', ['-p', `typeof require('${modulePath}').main`], { cwd: ROOT });
    loaded[fn] = stdout.trim();
  }
  expect(loaded).toEqual(Object.fromEntries(built.map((fn) => [fn, 'function'])));
});
