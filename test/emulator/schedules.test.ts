/**
 * Timer triggers in local runs: `npm run emulator` arms every deployed function's trigger and says so, each fire is
 * logged, and schedules stop before the emulator closes. Fires are driven by the runner's injected clock, not by waiting.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../emulator/server';
import { spawnEmulator, type EmulatorProcess } from '../support/process';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(__dirname, '../fixtures/functions');
const DAY_MS = 24 * 3600_000;

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'lianxin-schedules-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Resolves with the exit code once a running process is gone and everything it printed has been read. */
function exited(proc: EmulatorProcess): Promise<number | null> {
  return new Promise((resolve) => proc.child.once('close', (code) => resolve(code)));
}

describe('npm run emulator', () => {
  let proc: EmulatorProcess;
  let spawnedAt: number;
  beforeAll(async () => {
    spawnedAt = Date.now();
    proc = await spawnEmulator(join(workDir, 'cli-data'), { LIANXIN_FUNCTIONS: FIXTURES });
  });
  afterAll(async () => {
    if (proc.child.exitCode === null && proc.child.signalCode === null) {
      const gone = exited(proc);
      proc.child.kill('SIGKILL');
      await gone;
    }
  });

  test('prints each registered timer with its cron and its next fire in Beijing time, before the /admin line', () => {
    const output = proc.output();
    const timers = output.split('\n').filter((line) => line.startsWith('timer '));
    expect(timers).toEqual([expect.stringMatching(/^timer tick\.morningReminder 0 0 9 \* \* \* \* → next \d{4}-\d\d-\d\d 09:00:00 UTC\+8$/)]);
    const next = new Date(`${/next (\S+ \S+) UTC\+8/.exec(timers[0])?.[1].replace(' ', 'T')}+08:00`);
    expect(next.getTime()).toBeGreaterThan(spawnedAt);
    expect(next.getTime()).toBeLessThanOrEqual(Date.now() + DAY_MS);
    expect(output.indexOf(timers[0])).toBeLessThan(output.indexOf('admin: '));
    expect(output).toContain(`functions: ${FIXTURES}`);
  });

  test('SIGTERM stops the timers before closing, then exits 0', async () => {
    const gone = exited(proc);
    proc.child.kill('SIGTERM');
    expect(await gone).toBe(0);
    const output = proc.output();
    expect(output).toContain('SIGTERM: stopping the local cloud');
    expect(output.indexOf('timers stopped')).toBeGreaterThan(output.indexOf('SIGTERM: stopping'));
  });
});

test('npm run emulator refuses a LIANXIN_FUNCTIONS folder that does not exist, naming it', async () => {
  const missing = join(workDir, 'no-such-functions');
  // execFile settles once the streams are drained, so the printed reason is complete.
  const env = { ...process.env, PORT: '0', LIANXIN_DATA: join(workDir, 'missing-data'), LIANXIN_FUNCTIONS: missing };
  await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', 'emulator/cli.ts'], { cwd: ROOT, env })).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining(`LIANXIN_FUNCTIONS 文件夹不存在: ${missing}`),
  });
});

describe('the runner\'s schedules', () => {
  let emulator: Emulator;
  const lines: string[] = [];
  let onLine: (line: string) => void = () => undefined;

  beforeAll(async () => {
    // The tick fixture plus one function whose config.json is broken.
    const root = join(workDir, 'functions');
    cpSync(join(FIXTURES, 'tick'), join(root, 'tick'), { recursive: true });
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'index.js'), 'exports.main = async () => null;\n');
    writeFileSync(join(root, 'broken', 'config.json'), '{ "triggers": [');
    emulator = await startEmulator({
      dataDir: null,
      functions: { root },
      log: (line) => {
        lines.push(line);
        onLine(line);
      },
    });
  });
  afterAll(() => emulator.close());

  test('a function whose config.json cannot be read is left out with a logged reason; the others are armed', () => {
    const runner = emulator.runner;
    if (!runner) throw new Error('runner missing');
    const armed = runner.startSchedules({ now: () => new Date('2027-03-12T00:00:00.000Z') });
    runner.stopSchedules();
    expect([...armed.keys()]).toEqual(['tick']);
    expect(runner.timers()).toEqual([{ functionName: 'tick', trigger: 'morningReminder', cron: '0 0 9 * * * *' }]);
    expect(lines.some((line) => line.startsWith('[runner] timer of broken skipped:') && line.includes('config.json'))).toBe(true);
  });

  test('a due trigger fires as a timer invocation and the fire is logged with its Beijing time and outcome', async () => {
    const runner = emulator.runner;
    if (!runner) throw new Error('runner missing');
    const logged = new Promise<string>((resolve) => {
      onLine = (line) => {
        if (line.includes('timer tick.morningReminder (')) resolve(line);
      };
    });
    // A clock one millisecond before 09:00 Beijing time: the fire is due at once.
    const due = new Date('2027-03-12T01:00:00.000Z');
    runner.startSchedules({ now: () => new Date(due.getTime() - 1) });
    const line = await logged;
    runner.stopSchedules();
    expect(line).toMatch(/^\[runner\] timer tick\.morningReminder \(2027-03-12 09:00:00 UTC\+8\) fired: ok in \d+ ms$/);
    expect(runner.invocations().filter((entry) => entry.name === 'tick')).toEqual([
      expect.objectContaining({ source: 'timer', ok: true, OPENID: '' }),
    ]);
  });
});
