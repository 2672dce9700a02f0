/** Process plumbing shared by `npm run emulator` and `npm start`. */

/** The port from PORT (default given), refusing anything that is not one. */
export function portFromEnv(fallback: number): number {
  const raw = process.env.PORT;
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 不是有效端口: ${raw}`);
  return port;
}

/**
 * The address to listen on from HOST: 127.0.0.1 (this machine only) unless set. HOST=0.0.0.0 lets phones on the LAN
 * reach the app; /admin and /_emulator/* still answer only signed calls naming a loopback Host.
 */
export function hostFromEnv(): string {
  const raw = (process.env.HOST ?? '').trim();
  if (raw === '') return '127.0.0.1';
  if (!/^[\w.:-]+$/.test(raw)) throw new Error(`HOST 不是有效地址: ${raw}`);
  return raw;
}

/**
 * On Ctrl-C (SIGINT) or SIGTERM: say so, run `close` once, exit 0 (1 if closing failed). Install it before printing
 * the banner: whoever reads the banner may signal at once.
 */
export function stopOnSignals(message: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: ${message}`);
    close().then(
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
