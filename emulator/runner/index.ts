/**
 * The function runner: runs deployed cloud functions (<root>/<name>/index.js + config.json) the way SCF does —
 * each concurrent invocation in its own worker-thread instance with its own WeChat context in process.env, warm
 * instances reused, the config's timeout enforced by killing the instance — and answers `functions.invokeFunction`
 * so `cloud.callFunction` works from any wx-server-sdk program, including another function.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AdminError, type AdminCall, type CallerContext, type EmulatorModule, type InvocationRegistry } from '../protocol';
import { loadFunctionConfig, type LoadedConfig } from './config';
import { executeFailed, FunctionInvokeError, notFound, timedOut } from './errors';
import { FunctionInstance } from './instance';
import { InstancePool, WorkerBudget, type BudgetStats, type PoolStats } from './pool';
import type { CronSchedule } from './cron';
import { formatBeijing, Scheduler } from './schedules';
import { sdkEnvironment, type SdkCredentials } from '../sdk-environment';

export { FunctionInvokeError } from './errors';

export interface RunnerOptions {
  /** Folder of deploy folders: <root>/<name>/index.js. */
  root: string;
  registry: InvocationRegistry;
  adminUrl: string;
  envId: string;
  /** The emulator's per-run key: functions sign their /admin calls with it, as SCF gives them their own. */
  credentials?: SdkCredentials;
  log: (line: string) => void;
  /** Most instances one function may run at once (default 10); further requests queue. */
  maxInstancesPerFunction?: number;
  /**
   * Most worker threads alive across all functions (default 8, LIANXIN_MAX_WORKERS): each costs ~50 MB, and a fuzz run
   * once took the local cloud to 42 of them (2.4 GB). Beyond it requests queue; an idle worker of another function is
   * stopped to make room. Calls from inside a function may exceed it (see pool.ts).
   */
  maxWorkers?: number;
  /** Idle instances are stopped after this long (default 10 minutes). */
  idleMs?: number;
  /** Variables for every function beside its config.json envVariables (npm start's fixed clock for browser tests). */
  env?: Record<string, string>;
  /** How many invocations the in-memory log keeps (default 500). */
  logSize?: number;
  /** The mini-program's appid reported as APPID when a caller gives none. */
  appId?: string;
}

/** Who invokes: the WeChat context the function will see through cloud.getWXContext(). */
export interface InvokeContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
  /** 'wx_client' (mini-program), 'wx_http', 'timer' or 'function'. */
  source?: string;
}

export interface InvocationRecord {
  name: string;
  OPENID: string;
  source: string;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  errCode?: number;
  errMsg?: string;
}

export interface TimerInfo {
  functionName: string;
  trigger: string;
  /** The 7-field cron expression from config.json. */
  cron: string;
}

export interface FunctionRunner extends EmulatorModule {
  /** Runs `main(event, context)` of a deployed function; resolves with its return value, rejects with FunctionInvokeError. */
  invoke(name: string, event: unknown, context?: InvokeContext): Promise<unknown>;
  /** Deployed function names (folders with an index.js), sorted. */
  functionNames(): string[];
  /** Fires a function's timer trigger now, with the event production sends. */
  fireTrigger(name: string, at?: Date): Promise<unknown>;
  /** Arms every timer trigger from its cron (UTC+8); returns each function's next fire time. Logs each fire. */
  startSchedules(options?: { now?: () => Date }): Map<string, Date | null>;
  /** Every deployed function's timer trigger (a function whose config.json is unreadable is logged and left out). */
  timers(): TimerInfo[];
  stopSchedules(): void;
  /** The most recent invocations, oldest first. */
  invocations(): InvocationRecord[];
  /** Instance counts per function (tests check that a timed-out instance is replaced). */
  stats(name: string): PoolStats;
  /** Worker threads across all functions: the cap, alive now, the most at once, requests waiting. */
  workers(): BudgetStats;
  close(): Promise<void>;
}

const FUNCTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/;
const WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_ENV,WX_SOURCE,WX_API_TOKEN';
const TCB_CONTEXT_KEYS = 'TCB_ENV,TCB_SEQID,TRIGGER_SRC,WX_TRIGGER_API_TOKEN_V0';
// Deploy folders carry no node_modules locally: resolve wx-server-sdk from the project's, as an installed dependency.
const SDK_NODE_MODULES = dirname(dirname(require.resolve('wx-server-sdk/package.json')));

/** Creates the runner over `options.root`; add it to the emulator (server.ts does) so /admin reaches its handler. */
export async function createFunctionRunner(options: RunnerOptions): Promise<FunctionRunner> {
  const root = resolve(options.root);
  const maxInstances = options.maxInstancesPerFunction ?? 10;
  const budget = new WorkerBudget(options.maxWorkers ?? (Number(process.env.LIANXIN_MAX_WORKERS) || 8));
  const idleMs = options.idleMs ?? 10 * 60_000;
  const logSize = options.logSize ?? 500;
  const appId = options.appId ?? 'wx-local-lianxin';
  const pools = new Map<string, InstancePool>();
  const records: InvocationRecord[] = [];
  let scheduler: Scheduler | null = null;

  const reaper = setInterval(() => pools.forEach((pool) => pool.reap(idleMs)), Math.min(idleMs, 60_000));
  reaper.unref();

  function instanceEnv(config: LoadedConfig): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      NODE_PATH: SDK_NODE_MODULES,
      ...config.config.envVariables,
      ...options.env,
      ...sdkEnvironment(options.adminUrl, options.envId, options.credentials),
      TCB_CONTEXT_KEYS,
      WX_CONTEXT_KEYS,
      TCB_ENV: options.envId,
      // Lets code allow test-only switches (a fixed clock) here and never in the real cloud.
      LIANXIN_EMULATOR: '1',
    };
  }

  function poolFor(name: string, config: LoadedConfig): InstancePool {
    let pool = pools.get(name);
    if (!pool) {
      pool = new InstancePool(() => new FunctionInstance(name, instanceEnv(config), options.log), maxInstances, budget);
      pools.set(name, pool);
    }
    return pool;
  }

  function functionDir(name: string): string | null {
    if (!FUNCTION_NAME.test(name)) return null;
    const dir = join(root, name);
    return existsSync(join(dir, 'index.js')) ? dir : null;
  }

  function record(entry: InvocationRecord): void {
    records.push(entry);
    if (records.length > logSize) records.splice(0, records.length - logSize);
  }

  async function invoke(name: string, event: unknown, context: InvokeContext = {}): Promise<unknown> {
    const source = context.source ?? 'wx_client';
    const startedAt = new Date();
    const caller: CallerContext = {
      OPENID: context.OPENID ?? '',
      APPID: context.APPID ?? (context.OPENID ? appId : ''),
      UNIONID: context.UNIONID ?? '',
      CLIENTIP: context.CLIENTIP ?? '',
      ENV: options.envId,
      functionName: name,
      source,
    };
    const token = randomBytes(24).toString('base64url');
    try {
      const dir = functionDir(name);
      if (!dir) throw notFound(name);
      let config: LoadedConfig;
      try {
        config = loadFunctionConfig(dir, name, { allowFractionalTimeout: true });
      } catch (error) {
        throw executeFailed((error as Error).message);
      }
      options.registry.register(token, caller);
      const response = await runOnInstance(poolFor(name, config), source === 'function', {
        file: join(dir, 'index.js'),
        env: invocationEnv(caller, token),
        event: withUserInfo(event, caller),
        context: scfContext(name, config),
      }, config.timeoutMs);
      record({ name, OPENID: caller.OPENID, source, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), ok: true });
      return JSON.parse(response) as unknown;
    } catch (error) {
      const failure = error instanceof FunctionInvokeError ? error : executeFailed((error as Error).message);
      record({
        name, OPENID: caller.OPENID, source, startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(), ok: false, errCode: failure.errCode, errMsg: failure.errMsg,
      });
      options.log(`[runner] ${name} failed: ${failure.errMsg}`);
      throw failure;
    } finally {
      options.registry.release(token);
    }
  }

  async function runOnInstance(pool: InstancePool, nested: boolean, request: Parameters<FunctionInstance['run']>[0], timeoutMs: number): Promise<string> {
    const instance = await pool.acquire(nested);
    try {
      const outcome = await instance.run(request, timeoutMs);
      switch (outcome.kind) {
        case 'ok':
          return outcome.response;
        case 'timeout':
          throw timedOut(timeoutMs / 1000);
        case 'error':
          options.log(`[fn ${instance.functionName}] ${outcome.stack || outcome.detail}`);
          throw executeFailed(outcome.detail);
        case 'crash':
          throw executeFailed(outcome.detail);
      }
    } finally {
      pool.release(instance);
    }
  }

  function invocationEnv(caller: CallerContext, token: string): Record<string, string> {
    const timer = caller.source === 'timer';
    return {
      WX_OPENID: caller.OPENID,
      WX_APPID: caller.APPID,
      WX_UNIONID: caller.UNIONID,
      WX_CLIENTIP: caller.CLIENTIP,
      WX_ENV: caller.ENV,
      WX_SOURCE: caller.source,
      WX_API_TOKEN: token,
      TRIGGER_SRC: timer ? 'timer' : '',
      WX_TRIGGER_API_TOKEN_V0: timer ? token : '',
      TCB_SEQID: randomUUID(),
    };
  }

  function scfContext(name: string, config: LoadedConfig): Record<string, unknown> {
    return {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: config.config.memorySize ?? 256,
      time_limit_in_ms: config.timeoutMs,
      request_id: randomUUID(),
      function_name: name,
      function_version: '$LATEST',
      namespace: options.envId,
    };
  }

  async function invokeFromAdmin(call: AdminCall): Promise<{ response_data: string }> {
    const name = call.params.function_name;
    if (typeof name !== 'string' || !name) throw new AdminError('INVALID_PARAM', '函数名不能为空');
    const raw = call.params.request_data;
    let event: unknown = {};
    if (typeof raw === 'string' && raw) {
      try {
        event = JSON.parse(raw);
      } catch {
        throw new AdminError('INVALID_PARAM', 'request_data 不是有效的 JSON');
      }
    }
    // A function calling another passes its caller's WeChat identity on; a plain SDK program has none.
    const from = call.caller;
    const context: InvokeContext = from
      ? { OPENID: from.OPENID, APPID: from.APPID, UNIONID: from.UNIONID, CLIENTIP: from.CLIENTIP, source: 'function' }
      : { source: 'wx_http' };
    try {
      const result = await invoke(name, event, context);
      return { response_data: JSON.stringify(result) };
    } catch (error) {
      if (error instanceof FunctionInvokeError) throw error.toAdminError();
      throw error;
    }
  }

  function functionNames(): string[] {
    if (!existsSync(root)) return [];
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && functionDir(entry.name) !== null)
      .map((entry) => entry.name)
      .sort();
  }

  function timerOf(name: string): LoadedConfig['timer'] {
    const dir = functionDir(name);
    return dir ? loadFunctionConfig(dir, name, { allowFractionalTimeout: true }).timer : null;
  }

  function fireTrigger(name: string, at: Date = new Date()): Promise<unknown> {
    const timer = timerOf(name);
    if (!timer) return Promise.reject(new Error(`云函数 ${name} 没有定时触发器`));
    const event = { Type: 'Timer', TriggerName: timer.trigger.name, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
    return invoke(name, event, { source: 'timer' });
  }

  /** Function name → its timer; a broken config.json must not stop the other functions' schedules. */
  function timers(): Array<TimerInfo & { schedule: CronSchedule }> {
    return functionNames().flatMap((name) => {
      try {
        const timer = timerOf(name);
        return timer ? [{ functionName: name, trigger: timer.trigger.name, cron: timer.trigger.config, schedule: timer.schedule }] : [];
      } catch (error) {
        options.log(`[runner] timer of ${name} skipped: ${(error as Error).message}`);
        return [];
      }
    });
  }

  /** Runs a scheduled fire and logs it: local runs have no console showing trigger history otherwise. */
  function fireScheduled(name: string, at: Date): void {
    const started = Date.now();
    const label = `timer ${name}.${timerLabel(name)} (${formatBeijing(at)})`;
    fireTrigger(name, at).then(
      () => options.log(`[runner] ${label} fired: ok in ${Date.now() - started} ms`),
      (error: unknown) => options.log(`[runner] ${label} fired: failed: ${(error as Error).message}`),
    );
  }

  function timerLabel(name: string): string {
    try {
      return timerOf(name)?.trigger.name ?? '?';
    } catch {
      return '?';
    }
  }

  function stopSchedules(): void {
    scheduler?.stop();
    scheduler = null;
  }

  return {
    handlers: { 'functions.invokeFunction': invokeFromAdmin },
    invoke,
    functionNames,
    fireTrigger,
    startSchedules({ now = () => new Date() } = {}) {
      stopSchedules();
      scheduler = new Scheduler(fireScheduled, now);
      return scheduler.start(timers().map(({ functionName, schedule }) => ({ name: functionName, schedule })));
    },
    timers: () => timers().map(({ functionName, trigger, cron }) => ({ functionName, trigger, cron })),
    stopSchedules,
    invocations: () => [...records],
    stats: (name) => pools.get(name)?.stats() ?? { alive: 0, busy: 0, started: 0, terminated: 0 },
    workers: () => budget.stats(),
    async close() {
      stopSchedules();
      clearInterval(reaper);
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}

/** What production adds to an event from the mini-program: the caller's appid and openid. */
function withUserInfo(event: unknown, caller: CallerContext): unknown {
  if (caller.source !== 'wx_client' || !caller.OPENID || typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  return { ...event, userInfo: { appId: caller.APPID, openId: caller.OPENID } };
}
