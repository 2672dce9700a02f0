/**
 * Builds what the local product serves, only when its sources changed since the last build (stamps in
 * node_modules/.cache/lianxin): the H5 app (dist-h5/) and the cloud functions' deploy folders (cloudfunctions/).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCloudFunctions } from '../build-cloud';
import { isStale, touch } from '../staleness';

const ROOT = resolve(__dirname, '../..');
const STAMPS = join(ROOT, 'node_modules/.cache/lianxin');

export const H5_DIR = join(ROOT, 'dist-h5');
export const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions');

const H5_INPUTS = ['src', 'config', 'types', 'package-lock.json', 'babel.config.js', 'tsconfig.json', 'project.config.json'].map((p) => join(ROOT, p));
const CLOUD_INPUTS = ['cloud/src', 'src/shared', 'scripts/build-cloud.ts', 'package-lock.json'].map((p) => join(ROOT, p));

/** Rebuilds whichever of the two is stale; `log` hears what happens. */
export async function ensureBuilds(log: (line: string) => void = console.log): Promise<void> {
  const cloudStamp = join(STAMPS, 'cloud.stamp');
  if (isStale(cloudStamp, CLOUD_INPUTS) || !existsSync(join(FUNCTIONS_DIR, 'system/index.js'))) {
    log('构建云函数 (cloudfunctions/)…');
    await buildCloudFunctions({ log: () => undefined });
    touch(cloudStamp);
  }
  const h5Stamp = join(STAMPS, 'h5.stamp');
  if (isStale(h5Stamp, H5_INPUTS) || !existsSync(join(H5_DIR, 'index.html'))) {
    log('构建 H5 页面 (dist-h5/)，首次约需半分钟…');
    await run(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { NODE_ENV: 'production' });
    touch(h5Stamp);
  }
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${args.join(' ')} failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

if (require.main === module) {
  ensureBuilds().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
