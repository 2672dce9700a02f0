/**
 * The product on a local cloud for integration tests: every cloud function built from source, the in-memory stack
 * with all collections and the demo seed, and `call(...)` that invokes an action as a given WeChat user — exactly the
 * path a mini-program request takes (runner → real wx-server-sdk → emulator).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCloudFunctions } from '../../scripts/build-cloud';
import { startLocalStack, type LocalStack } from '../../scripts/local/stack';
import type { ActionContract, InputOf, OutputOf } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';

export interface AppCloud {
  stack: LocalStack;
  /** Invokes an action as the user with this openid; resolves the raw envelope. */
  invoke<A extends ActionContract>(contract: A, payload: InputOf<A> | Record<string, unknown>, openid: string): Promise<Envelope<OutputOf<A>>>;
  /** Invokes and unwraps: rejects with the error body when the envelope is not ok. */
  call<A extends ActionContract>(contract: A, payload: InputOf<A> | Record<string, unknown>, openid: string): Promise<OutputOf<A>>;
  close(): Promise<void>;
}

/** The demo seed's clock: 2026-11-20 10:00 China time. */
export const SEED_TIME = Date.UTC(2026, 10, 20, 2, 0, 0);

export interface AppCloudOptions {
  staticDir?: string | null;
  dev?: boolean;
  /** A fixed clock (epoch ms) for every function (LIANXIN_NOW, honoured only on the emulator); default: the wall clock. */
  now?: number;
  /** Extra environment variables for every function (as config.json envVariables), e.g. a small push slice. */
  env?: Record<string, string>;
  /** Short client deadlines, for tests of slow clients. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export async function startAppCloud(options: AppCloudOptions = {}): Promise<AppCloud> {
  const cache = join(__dirname, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const functionsRoot = mkdtempSync(join(cache, 'lianxin-app-'));
  const built = await buildCloudFunctions({ outDir: functionsRoot, log: () => undefined });
  if (options.now !== undefined || options.env) {
    const extra = { ...options.env, ...(options.now !== undefined ? { LIANXIN_NOW: String(options.now) } : {}) };
    for (const { dir } of built) {
      const file = join(dir, 'config.json');
      const config = JSON.parse(readFileSync(file, 'utf8')) as { envVariables?: Record<string, string> };
      writeFileSync(file, JSON.stringify({ ...config, envVariables: { ...config.envVariables, ...extra } }));
    }
  }
  const stack = await startLocalStack({
    dataDir: null,
    functionsRoot,
    staticDir: options.staticDir ?? null,
    dev: options.dev ?? true,
    seed: true,
    schedules: false,
    seedTime: SEED_TIME,
    unindexedQuery: 'fail',
    headersTimeoutMs: options.headersTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const runner = stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  const invoke = async <A extends ActionContract>(contract: A, payload: unknown, openid: string): Promise<Envelope<OutputOf<A>>> =>
    (await runner.invoke(contract.fn, { action: contract.name, payload }, { OPENID: openid, source: 'wx_client' })) as Envelope<OutputOf<A>>;
  return {
    stack,
    invoke,
    call: async (contract, payload, openid) => {
      const reply = await invoke(contract, payload, openid);
      if (!reply.ok) throw Object.assign(new Error(`${reply.error.code}: ${reply.error.message}`), reply.error);
      return reply.data;
    },
    close: async () => {
      await stack.close();
      rmSync(functionsRoot, { recursive: true, force: true });
    },
  };
}
