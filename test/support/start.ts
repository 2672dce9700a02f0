/** Runs the real `npm start` entry point (scripts/start.ts) as a child process on a free port and a given data folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface StartedApp {
  child: ChildProcess;
  /** http://127.0.0.1:<port>/ */
  url: string;
  output(): string;
  /** Headers for the local cloud's /_emulator/* tool routes (this run's key, as npm start prints it). */
  toolHeaders(): Record<string, string>;
  /** Ctrl-C, as a person would; resolves the exit code. */
  stop(): Promise<number | null>;
}

const ROOT = resolve(__dirname, '../..');

/**
 * Starts the product and waits for the printed URL (builds first if sources changed, which can take a minute).
 * `now` fixes the clock of the seed and every function (LIANXIN_NOW, dev mode only); default: the wall clock.
 */
export function startApp(dataDir: string, options: { now?: number } = {}): Promise<StartedApp> {
  const clock = options.now === undefined ? {} : { LIANXIN_NOW: String(options.now) };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    // Timers fire only when a test asks (POST /api/_dev/timers/<fn>): a cron tick mid-test must not change what it sees.
    env: { ...process.env, PORT: '0', LIANXIN_DATA: dataDir, LIANXIN_TIMERS: 'manual', ...clock },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString();
      const match = /请在浏览器打开: (http:\/\/\S+\/)/.exec(printed);
      if (match) {
        resolvePromise({
          child,
          url: match[1],
          output: () => printed,
          toolHeaders: () => ({ authorization: /Authorization: (Bearer \S+)/.exec(printed)?.[1] ?? '' }),
          stop: () => {
            child.kill('SIGINT');
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    void exited.then((code) => reject(new Error(`npm start exited early (code ${code}):\n${printed}`)));
  });
}
