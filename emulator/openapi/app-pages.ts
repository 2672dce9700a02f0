/**
 * The pages of the published mini-program, as wxacode's page check needs them: src/app.config.ts evaluated the way
 * Taro evaluates it for a weapp build (TARO_ENV=weapp, so h5-only pages are left out), main package then subpackages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';

/** The app config the emulator reads when no `openapi.pages` option is given. */
export const APP_CONFIG_FILE = join(__dirname, '..', '..', 'src', 'app.config.ts');

interface PackageConfig {
  root: string;
  pages: string[];
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function isPackage(value: unknown): value is PackageConfig {
  if (typeof value !== 'object' || value === null) return false;
  const { root, pages } = value as { root?: unknown; pages?: unknown };
  return typeof root === 'string' && isStrings(pages);
}

/** Every page path of the weapp build (e.g. 'pages/home/index', 'packages/staff/pages/cases/index'); the first is the home page. */
export function loadAppPages(file: string = APP_CONFIG_FILE): string[] {
  const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20' });
  const module: { exports: { default?: unknown } } = { exports: {} };
  // The config is plain data behind defineAppConfig and TARO_ENV: nothing else is reachable from the sandbox.
  runInNewContext(code, { module, exports: module.exports, defineAppConfig: (config: unknown) => config, process: { env: { TARO_ENV: 'weapp' } } });
  const config = module.exports.default;
  if (typeof config !== 'object' || config === null) throw new Error(`${file} exports no app config`);
  const { pages, subPackages, subpackages } = config as { pages?: unknown; subPackages?: unknown; subpackages?: unknown };
  if (!isStrings(pages) || pages.length === 0) throw new Error(`${file}: pages is not a list of page paths`);
  const packages: unknown = subPackages ?? subpackages ?? [];
  if (!Array.isArray(packages) || !packages.every(isPackage)) throw new Error(`${file}: subPackages is not a list of { root, pages }`);
  return [...pages, ...packages.flatMap(({ root, pages: inner }) => inner.map((page) => `${root.replace(/\/+$/, '')}/${page}`))];
}
