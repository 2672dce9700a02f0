/**
 * `npm run build:cloud`: turns every cloud/src/functions/<name>/ into a deployable folder
 * cloudfunctions/<name>/ holding index.js (one CommonJS bundle for Node 16+, wx-server-sdk left external),
 * package.json (depending on wx-server-sdk only) and the validated config.json. Deploy folders hold no TypeScript.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadFunctionConfig } from '../emulator/runner/config';

const ROOT = resolve(__dirname, '..');
const SDK_VERSION = '4.0.2';
const FUNCTION_NAME = /^[a-z][A-Za-z0-9_-]{0,59}$/;

export interface BuildOptions {
  /** Folder of function sources (default cloud/src/functions). */
  srcDir?: string;
  /** Where deploy folders go (default cloudfunctions/). */
  outDir?: string;
  log?: (line: string) => void;
}

export interface BuiltFunction {
  name: string;
  dir: string;
  bytes: number;
}

/** Bundles each function and writes its deploy folder; throws on the first invalid config or build error. */
export async function buildCloudFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const srcDir = resolve(options.srcDir ?? join(ROOT, 'cloud/src/functions'));
  const outDir = resolve(options.outDir ?? join(ROOT, 'cloudfunctions'));
  const log = options.log ?? ((line: string) => console.log(line));
  const names = readdirSync(srcDir).filter((name) => statSync(join(srcDir, name)).isDirectory()).sort();
  const built: BuiltFunction[] = [];
  for (const name of names) {
    if (!FUNCTION_NAME.test(name)) throw new Error(`云函数名无效: ${name}`);
    const source = join(srcDir, name);
    const entry = join(source, 'index.ts');
    if (!existsSync(entry)) throw new Error(`云函数 ${name} 缺少 index.ts`);
    const { config } = loadFunctionConfig(source, name);

    const dir = join(outDir, name);
    // Build beside the deploy folder, then rename file by file: a running local cloud reloading a function
    // meanwhile always reads a whole old or a whole new file, never a half-written one.
    const staging = join(outDir, `.${name}.building-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await build({
      entryPoints: [entry],
      outfile: join(staging, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'silent',
      legalComments: 'none',
    });
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify(deployPackage(name), null, 2)}\n`);
    writeFileSync(join(staging, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
    publish(staging, dir);
    const bytes = statSync(join(dir, 'index.js')).size;
    built.push({ name, dir, bytes });
    log(`${name.padEnd(24)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  → ${dir}`);
  }
  return built;
}

/** Moves the staged files into the deploy folder (atomic per file) and drops files the new build no longer has. */
function publish(staging: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const files = readdirSync(staging);
  for (const file of files) renameSync(join(staging, file), join(dir, file));
  for (const old of readdirSync(dir)) if (!files.includes(old)) rmSync(join(dir, old), { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
}

function deployPackage(name: string): Record<string, unknown> {
  return {
    name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': SDK_VERSION },
  };
}

if (require.main === module) {
  buildCloudFunctions().then(
    (built) => console.log(`built ${built.length} cloud function(s)`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
