import type { LocalStack } from '../scripts/local/stack';
import type { ActionContract } from '../src/shared/contract';

/** One measured number. `name` is stable across runs so results can be compared. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchSuite {
  name: string;
  /** Lines printed after the suite's figures: what the figures assume, and how production differs. */
  notes?: string[];
  /** `progress` prints to stderr so stdout stays one line per figure. */
  run(progress: (line: string) => void): Promise<Figure[]>;
}

/** p-th percentile (0–100) of a list of samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** Runs `fn` `times` times sequentially and returns each duration in milliseconds. */
export async function timeEach(times: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

/** Invokes an action as a user (`openid`) and returns its data. */
export type Call = (contract: ActionContract, payload: Record<string, unknown>, openid: string) => Promise<unknown>;

/** A Call on the stack's runner; fails the run on an error envelope (an unindexed query, say). */
export function caller(stack: LocalStack): Call {
  const runner = stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  return async (contract, payload, openid) => {
    const reply = (await runner.invoke(contract.fn, { action: contract.name, payload }, { OPENID: openid, source: 'wx_client' })) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
    if (!reply.ok) throw new Error(`${contract.fn}.${contract.name}: ${reply.error?.code} ${reply.error?.message}`);
    return reply.data;
  };
}

/** How many of `actions` were made between two `adminCalls()` snapshots. */
export function diff(before: Record<string, number>, after: Record<string, number>, actions: string[]): number {
  return actions.reduce((sum, action) => sum + (after[action] ?? 0) - (before[action] ?? 0), 0);
}
