/**
 * `npm run emulator`: the local WeChat cloud alone. PORT (default 8086) and LIANXIN_DATA (default .data/) configure it;
 * any wx-server-sdk program pointed at the printed /admin URL gets production behaviour.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_PORT } from './defaults';
import { startEmulator } from './server';

async function main(): Promise<void> {
  const port = process.env.PORT === undefined ? DEFAULT_PORT : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 不是有效端口: ${process.env.PORT}`);
  const dataDir = resolve(process.env.LIANXIN_DATA || '.data');
  const functionsRoot = resolve('cloudfunctions');

  const emulator = await startEmulator({
    port,
    dataDir,
    functions: existsSync(functionsRoot) ? { root: functionsRoot } : null,
    log: (line) => console.log(line),
  });

  console.log(`Lianxin local cloud (env ${emulator.envId}) listening on ${emulator.url}`);
  console.log(`admin: ${emulator.adminUrl}`);
  console.log(`data:  ${dataDir}`);
  console.log(`Point wx-server-sdk at it with:`);
  console.log(`  TCB_CONTEXT_CNFG='{"URL":"${emulator.adminUrl}"}' TENCENTCLOUD_SECRETID=local TENCENTCLOUD_SECRETKEY=local`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the local cloud…`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
