/**
 * The whole local product in one process: the emulator (database, storage, open API, function runner) on a
 * durable store, every collection created from its manifest, the H5 gateway with dev sign-in, the demo seed and the
 * timer triggers. `npm start`, the e2e tests and integration tests all start it the same way.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sdk from 'wx-server-sdk';
import { database } from '../../cloud/src/infra/database';
import { createGateway } from '../../emulator/gateway';
import { sdkEnvironment } from '../../emulator/sdk-environment';
import { startEmulator, type Emulator } from '../../emulator/server';
import { PERSONAS } from './demo-data';
import { seedDemo } from './seed';

export interface LocalStackOptions {
  port?: number;
  /** Address to listen on (default 127.0.0.1: this machine only). */
  host?: string;
  /** Deadlines for a client's headers / whole request (defaults 10 s / 30 s); tests shorten them. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Durable data folder; null keeps everything in memory (tests). */
  dataDir: string | null;
  /** Folder of built deploy folders (cloudfunctions/). */
  functionsRoot: string;
  /** The H5 build to serve at /; null serves the API only. */
  staticDir: string | null;
  /** Dev mode: persona sign-in and the /api/_dev routes; off in the production-like mode (see scripts/local/mode.ts). */
  dev: boolean;
  seed: boolean;
  /** Run timer triggers on their cron schedule. */
  schedules: boolean;
  /** Fixed clock for the seed (tests); defaults to now. */
  seedTime?: number;
  /** Variables for every function (LIANXIN_NOW: a fixed clock, which functions honour only on this emulator). */
  functionEnv?: Record<string, string>;
  unindexedQuery?: 'warn' | 'fail' | 'off';
  log?: (line: string) => void;
}

export interface LocalStack {
  emulator: Emulator;
  /** http://127.0.0.1:<port>/ — the app. */
  url: string;
  seeded: boolean;
  close(): Promise<void>;
}

/** Starts the local product; resolves once it answers HTTP. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const emulator = await startEmulator({
    port: options.port ?? 0,
    host: options.host,
    headersTimeoutMs: options.headersTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
    dataDir: options.dataDir,
    functions: { root: options.functionsRoot, env: options.functionEnv },
    database: options.unindexedQuery ? { unindexedQuery: options.unindexedQuery } : undefined,
    log,
  });
  try {
    // As in production, collections exist only once created: create every collection that has a manifest.
    for (const name of emulator.db.declaredCollections()) await emulator.db.createCollection(name);
    const runner = emulator.runner;
    if (!runner) throw new Error('function runner missing');
    emulator.use(
      createGateway({
        invoke: (name, event, context) => runner.invoke(name, event, context),
        grantCredits: (openid, templateIds) => emulator.openapi.grantCredits(openid, templateIds),
        staticDir: options.staticDir,
        dev: options.dev,
        personas: PERSONAS,
        secret: gatewaySecret(options.dataDir),
        // A sign-out stays a sign-out after a restart.
        revocationsFile: options.dataDir ? join(options.dataDir, 'gateway-revoked.json') : null,
        functions: runner.functionNames(),
        storage: emulator.storage,
        fireTimer: (name, at) => runner.fireTrigger(name, at),
      }),
    );
    let seeded = false;
    if (options.seed) {
      pointSdkAt(emulator);
      seeded = await seedDemo(database(), options.seedTime ?? Date.now());
    }
    if (options.schedules) runner.startSchedules();
    return {
      emulator,
      url: `${emulator.url}/`,
      seeded,
      close: async () => {
        runner.stopSchedules();
        await emulator.close();
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** The seed talks to the emulator through the real SDK, as a function would. */
function pointSdkAt(emulator: Emulator): void {
  Object.assign(process.env, sdkEnvironment(emulator.adminUrl, emulator.envId), { TCB_ENV: emulator.envId });
  sdk.init({ env: emulator.envId });
}

/** Kept in the data folder so sign-ins survive a restart; random per run in memory mode. */
function gatewaySecret(dataDir: string | null): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'gateway-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
