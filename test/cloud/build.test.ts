import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildCloudFunctions } from '../../scripts/build-cloud';
import { validateFunctionConfig } from '../../emulator/runner/config';

let outDir: string;
beforeAll(async () => {
  // A temp folder inside the project, so require('wx-server-sdk') resolves as it would from installed dependencies.
  const cache = join(__dirname, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'lianxin-build-'));
  await buildCloudFunctions({ outDir, log: () => undefined });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? filesUnder(join(dir, entry)) : [join(dir, entry)]));

test('every function gets a deploy folder with index.js, a package.json depending only on wx-server-sdk, and config.json', () => {
  const functions = readdirSync(outDir);
  expect(functions).toContain('system');
  for (const name of functions) {
    const dir = join(outDir, name);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'index.js', 'package.json']);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': '4.0.2' });
  }
});

test('deploy folders hold no TypeScript, and each bundle exports a main function', () => {
  expect(filesUnder(outDir).filter((file) => /\.tsx?$/.test(file))).toEqual([]);
  for (const name of readdirSync(outDir)) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
    const bundle = require(join(outDir, name, 'index.js')) as { main?: unknown };
    expect(typeof bundle.main).toBe('function');
  }
});

test('the bundle leaves wx-server-sdk to the deployed node_modules instead of inlining it', () => {
  const code = readFileSync(join(outDir, 'system', 'index.js'), 'utf8');
  expect(code).toContain('require("wx-server-sdk")');
  expect(existsSync(join(outDir, 'system', 'node_modules'))).toBe(false);
});

describe('config.json validation (what WeChat accepts)', () => {
  test.each([
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: 61 }, 'timeout'],
    [{ timeout: 0.5 }, 'timeout'],
    [{ memorySize: 300 }, 'memorySize'],
    [{ triggers: [{ name: 'a', type: 'timer', config: '0 0 9 * * * *' }, { name: 'b', type: 'timer', config: '0 0 10 * * * *' }] }, '最多一个'],
    [{ triggers: [{ name: 'a', type: 'timer', config: '0 0 9 * * *' }] }, '7 个字段'],
    [{ timout: 3 }, '未知字段'],
  ])('%j is rejected (%s)', (raw, reason) => {
    expect(() => validateFunctionConfig(raw, 'fn')).toThrow(reason);
  });

  test('a valid config keeps its timeout, memory and timer trigger', () => {
    const loaded = validateFunctionConfig(
      { timeout: 20, memorySize: 256, triggers: [{ name: 'daily', type: 'timer', config: '0 0 9 * * * *' }] },
      'fn',
    );
    expect(loaded.timeoutMs).toBe(20_000);
    expect(loaded.timer?.trigger.name).toBe('daily');
  });

  test('without a timeout the production default of 3 seconds applies', () => {
    expect(validateFunctionConfig({}, 'fn').timeoutMs).toBe(3000);
  });
});
