/**
 * The local product without the H5 pages, for `npm run load`: the same stack `npm start` runs (durable store at
 * LIANXIN_DATA, cloud functions from LIANXIN_FUNCTIONS, seed, timers) on PORT (0: a free one). Prints one line
 * `load-server <url> <secretId> <secretKey>` once it answers. Killed with -9 by the load run on purpose.
 */
import { resolve } from 'node:path';
import { portFromEnv } from '../../emulator/process';
import { startLocalStack } from '../local/stack';

async function main(): Promise<void> {
  const dataDir = resolve(process.env.LIANXIN_DATA ?? '');
  const stack = await startLocalStack({
    port: portFromEnv(0),
    dataDir,
    functionsRoot: resolve(process.env.LIANXIN_FUNCTIONS ?? 'cloudfunctions'),
    staticDir: null,
    dev: true,
    seed: true,
    schedules: true,
  });
  const { credentials } = stack.emulator;
  console.log(`load-server ${stack.url} ${credentials.secretId} ${credentials.secretKey}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
