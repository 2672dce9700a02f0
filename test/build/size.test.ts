import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MAIN_PACKAGE_BUDGET_BYTES, measureMiniProgram, runSizeCheck } from '../../scripts/size';

let dir: string;

function file(path: string, bytes: number): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, 'x'.repeat(bytes));
}

function appJson(subPackages: Array<{ root: string; pages: string[] }>): void {
  writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['pages/home/index'], subPackages }));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lianxin-size-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run size', () => {
  it('counts files under a subpackage root in that subpackage and everything else in the main package', () => {
    appJson([
      { root: 'packages/staff', pages: ['pages/index'] },
      { root: 'packages/deputy/', pages: ['pages/index'] },
    ]);
    file('app.js', 1000);
    file('pages/home/index.js', 300);
    file('packages/staff/pages/index.js', 200);
    file('packages/deputy/pages/index.js', 50);
    // A main-package folder whose name merely starts like a subpackage root.
    file('packages/staff-common/shared.js', 70);
    const appJsonBytes = statSync(join(dir, 'app.json')).size;

    const sizes = measureMiniProgram(dir);

    expect(sizes.subpackages).toEqual([
      { root: 'packages/staff', bytes: 200 },
      { root: 'packages/deputy', bytes: 50 },
    ]);
    expect(sizes.mainBytes).toBe(1000 + 300 + 70 + appJsonBytes);
    expect(sizes.totalBytes).toBe(sizes.mainBytes + 250);
  });

  it('leaves out files WeChat does not package (project config, source maps)', () => {
    appJson([]);
    const base = measureMiniProgram(dir).totalBytes;
    file('project.config.json', 500);
    file('app.js.map', 900);
    expect(measureMiniProgram(dir).totalBytes).toBe(base);
  });

  it('passes within the 580 KB main-package budget and prints main and total sizes', () => {
    appJson([]);
    file('vendors.js', 100 * 1024);
    const lines: string[] = [];
    expect(runSizeCheck(dir, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/^main package: 100\.\d KB \(budget 580\.0 KB\)$/);
    expect(lines.at(-1)).toMatch(/^total: 100\.\d KB$/);
  });

  it('fails when the main package is over budget, even if subpackages are small', () => {
    appJson([{ root: 'packages/staff', pages: ['pages/index'] }]);
    file('vendors.js', MAIN_PACKAGE_BUDGET_BYTES + 1);
    file('packages/staff/pages/index.js', 10);
    const lines: string[] = [];
    expect(runSizeCheck(dir, (line) => lines.push(line))).toBe(1);
    expect(lines.join('\n')).toContain('over budget');
  });

  it('fails a 590 KB main package: a resident\'s first download stays within 580 KB', () => {
    appJson([]);
    file('vendors.js', 590 * 1024);
    const lines: string[] = [];
    expect(runSizeCheck(dir, (line) => lines.push(line))).toBe(1);
    expect(lines.join('\n')).toContain('over budget by 10.0 KB');
  });

  it('does not count subpackages against the main-package budget', () => {
    appJson([{ root: 'packages/staff', pages: ['pages/index'] }]);
    file('app.js', 10);
    file('packages/staff/pages/index.js', MAIN_PACKAGE_BUDGET_BYTES + 1);
    expect(runSizeCheck(dir, () => undefined)).toBe(0);
  });

  it('fails with a Chinese and English message when there is no weapp build', () => {
    const lines: string[] = [];
    expect(runSizeCheck(join(dir, 'missing'), (line) => lines.push(line))).toBe(1);
    expect(lines.join('\n')).toContain('请先运行 npm run build:weapp');
    expect(lines.join('\n')).toContain('run `npm run build:weapp` first');
  });
});
