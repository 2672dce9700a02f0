/**
 * A cloud function's config.json (next to its index.js): timeout, memory and its timer trigger.
 * The build validates it strictly (what WeChat accepts); the runner reads it leniently enough to allow a fractional
 * timeout in test fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCron, type CronSchedule } from './cron';

/** Production default when config.json sets no timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** Memory sizes (MB) WeChat cloud functions can be given. */
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const;
const KNOWN_KEYS = new Set(['timeout', 'memorySize', 'triggers', 'permissions', 'envVariables']);

export interface TimerTrigger {
  name: string;
  type: 'timer';
  config: string;
}

export interface FunctionConfig {
  timeout?: number;
  memorySize?: number;
  triggers?: TimerTrigger[];
  permissions?: { openapi?: string[] };
  envVariables?: Record<string, string>;
}

export interface LoadedConfig {
  config: FunctionConfig;
  timeoutMs: number;
  /** The timer trigger with its parsed schedule, when the function has one. */
  timer: { trigger: TimerTrigger; schedule: CronSchedule } | null;
}

export interface ValidateOptions {
  /** Test fixtures may set a fractional timeout below 1 s so timeout tests stay short. */
  allowFractionalTimeout?: boolean;
}

export class FunctionConfigError extends Error {
  constructor(name: string, reason: string) {
    super(`云函数 ${name} 的 config.json 无效: ${reason}`);
    this.name = 'FunctionConfigError';
  }
}

/** Reads and validates `<dir>/config.json` (an absent file means production defaults). */
export function loadFunctionConfig(dir: string, name: string, options: ValidateOptions = {}): LoadedConfig {
  const file = join(dir, 'config.json');
  let raw: unknown = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new FunctionConfigError(name, `不是有效的 JSON (${(error as Error).message})`);
    }
  }
  return validateFunctionConfig(raw, name, options);
}

/** Checks a parsed config.json against what WeChat accepts and returns it with its timeout and timer schedule. */
export function validateFunctionConfig(raw: unknown, name: string, options: ValidateOptions = {}): LoadedConfig {
  if (!isRecord(raw)) throw new FunctionConfigError(name, '顶层必须是对象');
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) throw new FunctionConfigError(name, `未知字段 "${key}"`);
  }
  const config: FunctionConfig = {};
  if (raw.timeout !== undefined) {
    const t = raw.timeout;
    const whole = typeof t === 'number' && Number.isInteger(t) && t >= 1 && t <= 60;
    const fractional = options.allowFractionalTimeout && typeof t === 'number' && t > 0 && t <= 60;
    if (!whole && !fractional) throw new FunctionConfigError(name, `timeout 须为 1–60 的整数秒，实际 ${JSON.stringify(t)}`);
    config.timeout = t as number;
  }
  if (raw.memorySize !== undefined) {
    if (!(MEMORY_SIZES as readonly unknown[]).includes(raw.memorySize)) {
      throw new FunctionConfigError(name, `memorySize 须为 ${MEMORY_SIZES.join('/')} 之一，实际 ${JSON.stringify(raw.memorySize)}`);
    }
    config.memorySize = raw.memorySize as number;
  }
  let timer: LoadedConfig['timer'] = null;
  if (raw.triggers !== undefined) {
    if (!Array.isArray(raw.triggers)) throw new FunctionConfigError(name, 'triggers 须为数组');
    if (raw.triggers.length > 1) throw new FunctionConfigError(name, '每个云函数最多一个定时触发器');
    config.triggers = raw.triggers.map((t: unknown) => validateTrigger(t, name));
    const [trigger] = config.triggers;
    if (trigger) {
      try {
        timer = { trigger, schedule: parseCron(trigger.config) };
      } catch (error) {
        throw new FunctionConfigError(name, (error as Error).message);
      }
    }
  }
  if (raw.permissions !== undefined) {
    const openapi = isRecord(raw.permissions) ? raw.permissions.openapi : undefined;
    if (!isRecord(raw.permissions) || (openapi !== undefined && !isStringArray(openapi))) {
      throw new FunctionConfigError(name, 'permissions 须为 { "openapi": ["subscribeMessage.send", ...] }');
    }
    config.permissions = openapi === undefined ? {} : { openapi };
  }
  if (raw.envVariables !== undefined) {
    const vars = raw.envVariables;
    if (!isRecord(vars) || !Object.values(vars).every((v) => typeof v === 'string')) {
      throw new FunctionConfigError(name, 'envVariables 须为字符串键值对');
    }
    config.envVariables = vars as Record<string, string>;
  }
  return { config, timeoutMs: Math.round((config.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000), timer };
}

function validateTrigger(raw: unknown, name: string): TimerTrigger {
  if (!isRecord(raw) || typeof raw.name !== 'string' || !raw.name || raw.type !== 'timer' || typeof raw.config !== 'string') {
    throw new FunctionConfigError(name, '触发器须为 { "name": "...", "type": "timer", "config": "<7 字段 cron>" }');
  }
  return { name: raw.name, type: 'timer', config: raw.config };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
