/** Start the real `npm run emulator` entry point as a child process (for restart and kill -9 tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { rememberCredentials } from '../../emulator/sdk-environment';

export interface EmulatorProcess {
  child: ChildProcess;
  adminUrl: string;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
}

const ROOT = resolve(__dirname, '../..');

/** Spawns emulator/cli.ts on a free port with the given data folder and waits for its printed URL. */
export function spawnEmulator(dataDir: string, extraEnv: Record<string, string> = {}): Promise<EmulatorProcess> {
  // node --import tsx (not the tsx CLI) so the pid we kill is the server itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LIANXIN_DATA: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString();
      const match = /admin: (http:\/\/\S+\/admin)/.exec(printed);
      const key = /TENCENTCLOUD_SECRETID=(\S+) TENCENTCLOUD_SECRETKEY=(\S+)/.exec(printed);
      if (match && key) {
        // So sdkEnvironment(adminUrl) hands the SDK this run's key, as for an emulator started in-process.
        rememberCredentials(match[1], { secretId: key[1], secretKey: key[2] });
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => (printed += more.toString()));
        resolvePromise({ child, adminUrl: match[1], url: match[1].replace(/\/admin$/, ''), output: () => printed });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`emulator exited early (code ${code}):\n${printed}`)));
  });
}

/** Sends SIGKILL and resolves once the process is gone. */
export function killHard(proc: EmulatorProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolvePromise();
    proc.child.removeAllListeners('exit');
    proc.child.once('exit', () => resolvePromise());
    proc.child.kill('SIGKILL');
  });
}
