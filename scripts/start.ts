/**
 * `npm start`: the whole product locally. Builds H5 and the cloud functions if their sources changed, starts the
 * local cloud on the durable store (LIANXIN_DATA, default .data/) with the H5 gateway on PORT (default 8086),
 * creates collections and indexes, seeds the demo world once, runs timer triggers on schedule, prints the URL.
 * Ctrl-C stops cleanly; the next start keeps the data.
 */
import { resolve } from 'node:path';
import { DEFAULT_PORT } from '../emulator/defaults';
import { hostFromEnv, portFromEnv, stopOnSignals } from '../emulator/process';
import { chinaDateTime } from '../src/shared/calendar/dates';
import { ensureBuilds, FUNCTIONS_DIR, H5_DIR } from './local/builds';
import { fixedClock, runMode, timersOnSchedule } from './local/mode';
import { startLocalStack } from './local/stack';

async function main(): Promise<void> {
  const port = portFromEnv(DEFAULT_PORT);
  const host = hostFromEnv();
  const mode = runMode(process.env, process.argv.slice(2));
  const dataDir = resolve(process.env.LIANXIN_DATA || '.data');
  const now = fixedClock(process.env, mode);

  await ensureBuilds((line) => console.log(line));
  const stack = await startLocalStack({
    port,
    host,
    dataDir,
    functionsRoot: FUNCTIONS_DIR,
    staticDir: H5_DIR,
    dev: mode === 'dev',
    seed: true,
    schedules: timersOnSchedule(process.env),
    ...(now === null ? {} : { seedTime: now, functionEnv: { LIANXIN_NOW: String(now) } }),
    log: (line) => console.log(line),
  });
  stopOnSignals('正在停止…', () => stack.close());
  console.log(stack.seeded ? '已写入演示数据（首次启动）' : '沿用已有数据');
  console.log(`数据目录: ${dataDir}`);
  if (now !== null) console.log(`时钟: 固定为 ${chinaDateTime(now)}（LIANXIN_NOW，只用于测试）`);
  if (!timersOnSchedule(process.env)) console.log('定时任务: 手动（LIANXIN_TIMERS=manual，只在 POST /api/_dev/timers/<云函数> 时运行）');
  console.log(
    mode === 'dev'
      ? '模式: 开发（可切换演示身份、可手动触发定时任务；LIANXIN_MODE=production npm start 为类生产模式）'
      : '模式: 类生产（没有演示身份切换和开发接口，每个浏览器是一位匿名微信用户）',
  );
  const { credentials, adminUrl } = stack.emulator;
  console.log(`本地云 wx-server-sdk: TCB_CONTEXT_CNFG='{"URL":"${adminUrl}"}' TENCENTCLOUD_SECRETID=${credentials.secretId} TENCENTCLOUD_SECRETKEY=${credentials.secretKey}`);
  console.log(`本地云工具接口 (/_emulator/*): Authorization: Bearer ${credentials.secretKey}`);
  console.log(`连心已启动，请在浏览器打开: ${stack.url}`);
  console.log(mode === 'dev' ? '（演示身份切换: 我的 → 切换演示身份；Ctrl-C 停止）' : '（Ctrl-C 停止）');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
