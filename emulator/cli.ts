/**
 * `npm run emulator`: the local WeChat cloud alone. PORT (default 8086), LIANXIN_DATA (default .data/) and
 * LIANXIN_FUNCTIONS (folder of deploy folders, default cloudfunctions/) configure it; any wx-server-sdk program pointed
 * at the printed /admin URL gets production behaviour, and timer triggers fire on their schedule.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_PORT } from './defaults';
import { hostFromEnv, portFromEnv, stopOnSignals } from './process';
import type { FunctionRunner } from './runner';
import { formatBeijing } from './runner/schedules';
import { startEmulator } from './server';

async function main(): Promise<void> {
  const port = portFromEnv(DEFAULT_PORT);
  const dataDir = resolve(process.env.LIANXIN_DATA || '.data');
  const functionsRoot = functionsFolder();

  const emulator = await startEmulator({
    port,
    host: hostFromEnv(),
    dataDir,
    functions: functionsRoot ? { root: functionsRoot } : null,
    log: (line) => console.log(line),
  });

  stopOnSignals('stopping the local cloud…', async () => {
    // No trigger may fire into a closing database.
    if (emulator.runner) {
      emulator.runner.stopSchedules();
      console.log('timers stopped');
    }
    await emulator.close();
  });

  console.log(`Lianxin local cloud (env ${emulator.envId}) listening on ${emulator.url}`);
  console.log(`data:  ${dataDir}`);
  console.log(`functions: ${functionsRoot ?? '(none: cloudfunctions/ not built — npm run build:cloud)'}`);
  if (emulator.runner) startSchedules(emulator.runner);
  // The key is new every run: /admin refuses calls not signed with it (a web page can never hold it).
  console.log(`Point wx-server-sdk at it with (this run's key; /admin refuses any other):`);
  console.log(`  TCB_CONTEXT_CNFG='{"URL":"${emulator.adminUrl}"}' TENCENTCLOUD_SECRETID=${emulator.credentials.secretId} TENCENTCLOUD_SECRETKEY=${emulator.credentials.secretKey}`);
  console.log(`Tool routes (/_emulator/outbox, send-faults, subscribe, wxacodes) need: Authorization: Bearer ${emulator.credentials.secretKey}`);
  console.log(`A script standing in for a cloud function may add, as SCF sets them (the SDK then skips its off-cloud metadata probe):`);
  console.log(`  TENCENTCLOUD_RUNENV=SCF SCF_NAMESPACE=${emulator.envId} TENCENTCLOUD_REGION=ap-shanghai`);
  // Last, once everything above is armed and printed: scripts and tests wait for this line.
  console.log(`admin: ${emulator.adminUrl}`);
}

/** LIANXIN_FUNCTIONS must exist when given; the default cloudfunctions/ may not be built yet (fresh clone). */
function functionsFolder(): string | null {
  const configured = process.env.LIANXIN_FUNCTIONS;
  if (configured) {
    const root = resolve(configured);
    if (!existsSync(root)) throw new Error(`LIANXIN_FUNCTIONS 文件夹不存在: ${root}`);
    return root;
  }
  const root = resolve('cloudfunctions');
  return existsSync(root) ? root : null;
}

/** Arms every timer trigger (UTC+8) and prints one line per trigger; the runner logs each fire. */
function startSchedules(runner: FunctionRunner): void {
  const next = runner.startSchedules();
  const timers = runner.timers();
  if (timers.length === 0) console.log('timers: none');
  for (const timer of timers) {
    const at = next.get(timer.functionName);
    console.log(`timer ${timer.functionName}.${timer.trigger} ${timer.cron} → next ${at ? formatBeijing(at) : 'never'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
