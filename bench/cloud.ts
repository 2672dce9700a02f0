/** The local cloud a bench suite measures, set up the same way for every suite. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scfEnvironment } from '../emulator/sdk-environment';
import { buildCloudFunctions } from '../scripts/build-cloud';
import { startLocalStack, type LocalStack } from '../scripts/local/stack';

export interface BenchCloud {
  stack: LocalStack;
  /** Stops the stack and removes the built functions. */
  close(): Promise<void>;
}

/**
 * Every function built from source into a temporary folder, the in-memory stack with the demo seed (as of `seedTime`
 * when given) and no timers; this process is then set up as a deployed function is (scfEnvironment), so a suite
 * seeding in bulk through the SDK skips its off-cloud metadata probe.
 */
export async function startBenchCloud(name: string, seedTime?: number): Promise<BenchCloud> {
  const cache = join(__dirname, '../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const functionsRoot = mkdtempSync(join(cache, `lianxin-bench-${name}-`));
  await buildCloudFunctions({ outDir: functionsRoot, log: () => undefined });
  const stack = await startLocalStack({
    dataDir: null,
    functionsRoot,
    staticDir: null,
    dev: false,
    seed: true,
    schedules: false,
    ...(seedTime === undefined ? {} : { seedTime }),
    unindexedQuery: 'fail',
  });
  Object.assign(process.env, scfEnvironment(stack.emulator.envId));
  return {
    stack,
    close: async () => {
      await stack.close();
      rmSync(functionsRoot, { recursive: true, force: true });
    },
  };
}
