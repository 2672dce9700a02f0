/** `npm run size`: the weapp build's main-package and total size against WeChat's budget (reads dist/, builds nothing). */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Our budget for the main package (WeChat's hard limit is 2 MB; issue 11 holds residents' first download to 580 KB). */
export const MAIN_PACKAGE_BUDGET_BYTES = 580 * 1024;

/** Files in the output folder that WeChat does not upload as part of a package. */
const NOT_PACKAGED = [/^project(\.private)?\.config\.json$/, /\.map$/];

export interface PackageSizes {
  /** Everything not under a subpackage root. */
  mainBytes: number;
  totalBytes: number;
  /** Bytes per subpackage root, in app.json order. */
  subpackages: Array<{ root: string; bytes: number }>;
}

interface AppJson {
  subPackages?: Array<{ root: string }>;
  subpackages?: Array<{ root: string }>;
}

/** Subpackage roots declared in app.json, as forward-slash paths without a trailing slash. */
function subpackageRoots(dir: string): string[] {
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as AppJson;
  return (app.subPackages ?? app.subpackages ?? []).map((sub) => sub.root.replace(/\\/g, '/').replace(/^\/+|\/+$/g, ''));
}

/** Every packaged file below dir, with its forward-slash path relative to dir. */
function packagedFiles(dir: string, root = dir): Array<{ path: string; bytes: number }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return packagedFiles(full, root);
    const path = relative(root, full).split(sep).join('/');
    if (NOT_PACKAGED.some((pattern) => pattern.test(path))) return [];
    return [{ path, bytes: statSync(full).size }];
  });
}

/** Measures a built mini-program folder (the one holding app.json). */
export function measureMiniProgram(dir: string): PackageSizes {
  const roots = subpackageRoots(dir);
  const subpackages = roots.map((root) => ({ root, bytes: 0 }));
  let totalBytes = 0;
  for (const file of packagedFiles(dir)) {
    totalBytes += file.bytes;
    const sub = subpackages.find(({ root }) => file.path.startsWith(root + '/'));
    if (sub) sub.bytes += file.bytes;
  }
  const subBytes = subpackages.reduce((sum, sub) => sum + sub.bytes, 0);
  return { mainBytes: totalBytes - subBytes, totalBytes, subpackages };
}

/** "123.4 KB" (1 KB = 1024 bytes, as WeChat counts). */
export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Prints the report and returns the exit code: 0 within budget, 1 over budget or nothing to measure. */
export function runSizeCheck(dir: string, log: (line: string) => void = console.log): number {
  if (!existsSync(join(dir, 'app.json'))) {
    log(`找不到微信小程序构建产物 ${dir}/app.json，请先运行 npm run build:weapp。`);
    log(`No weapp build found at ${dir} (app.json missing): run \`npm run build:weapp\` first.`);
    return 1;
  }
  const sizes = measureMiniProgram(dir);
  log(`main package: ${formatKB(sizes.mainBytes)} (budget ${formatKB(MAIN_PACKAGE_BUDGET_BYTES)})`);
  for (const sub of sizes.subpackages) log(`subpackage ${sub.root}: ${formatKB(sub.bytes)}`);
  log(`total: ${formatKB(sizes.totalBytes)}`);
  if (sizes.mainBytes > MAIN_PACKAGE_BUDGET_BYTES) {
    log(`主包超出预算 ${formatKB(sizes.mainBytes - MAIN_PACKAGE_BUDGET_BYTES)}。`);
    log(`Main package is over budget by ${formatKB(sizes.mainBytes - MAIN_PACKAGE_BUDGET_BYTES)}.`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = runSizeCheck(process.argv[2] ?? 'dist');
}
