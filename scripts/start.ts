/**
 * `npm start`: the whole product locally. Builds H5 and the cloud functions if their sources changed, starts the
 * local cloud on the durable store (LIANXIN_DATA, default .data/) with the H5 gateway on PORT (default 8086),
 * creates collections and indexes, seeds the demo world once, runs timer triggers on schedule, prints the URL.
 * Ctrl-C stops cleanly; the next start keeps the data.
 */
import { resolve } from 'node:path';
import { DEFAULT_PORT } from '../emulator/defaults';
import { portFromEnv, stopOnSignals } from '../emulator/process';
import { ensureBuilds, FUNCTIONS_DIR, H5_DIR } from './local/builds';
import { startLocalStack } from './local/stack';

async function main(): Promise<void> {
  const port = portFromEnv(DEFAULT_PORT);
  const dataDir = resolve(process.env.LIANXIN_DATA || '.data');

  await ensureBuilds((line) => console.log(line));
  const stack = await startLocalStack({
    port,
    dataDir,
    functionsRoot: FUNCTIONS_DIR,
    staticDir: H5_DIR,
    dev: true,
    seed: true,
    schedules: true,
    log: (line) => console.log(line),
  });
  stopOnSignals('正在停止…', () => stack.close());
  console.log(stack.seeded ? '已写入演示数据（首次启动）' : '沿用已有数据');
  console.log(`数据目录: ${dataDir}`);
  console.log(`连心已启动，请在浏览器打开: ${stack.url}`);
  console.log('（演示身份切换: 我的 → 切换演示身份；Ctrl-C 停止）');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
