/**
 * Abuse suite: every action's payload, fuzzed with fast-check as every role (fixed seed, so a failure repeats):
 * hostile input is only ever answered with a structured error — never a crash, an INTERNAL.ERROR or a non-envelope —
 * broken text is refused, and a refused call leaves the store as it found it. `npm run fuzz` runs the same with
 * ≥ 10,000 calls per action and prints a report (test/support/fuzz.ts says what is generated and checked).
 *
 * Two local clouds share the actions (one action at a time on each, so a store change is that call's own): on a
 * 2-core machine the suite takes about half as long as on one.
 */
import { allActions, fuzzAction, FUZZ_CALLERS } from '../support/fuzz';
import { startAppCloud, type AppCloud } from '../support/app';

const RUNS = Number(process.env.LIANXIN_FUZZ_RUNS) || 200;
const SEED = 20261130;
const CLOUDS = 2;

let clouds: Promise<AppCloud[]> | null = null;
const started = (): Promise<AppCloud[]> => (clouds ??= Promise.all(Array.from({ length: CLOUDS }, () => startAppCloud({ dev: false }))));
const queues: Array<Promise<unknown>> = [];

/** Runs `work` on cloud `index % CLOUDS` once the earlier work queued there has finished. */
function onCloud<T>(index: number, work: (app: AppCloud) => Promise<T>): Promise<T> {
  const slot = index % CLOUDS;
  const run = (queues[slot] ?? Promise.resolve()).then(async () => work((await started())[slot]));
  queues[slot] = run.catch(() => undefined);
  return run;
}

afterAll(async () => {
  if (clouds) await Promise.all((await clouds).map((app) => app.close()));
});

it.concurrent.each(allActions().map(({ name, contract }, index) => [name, contract, index] as const))(
  `%s answers ${RUNS} hostile payloads from every role with structured errors only, and refusals write nothing`,
  async (name, contract, index) => {
    const report = await onCloud(index, (app) => fuzzAction(app, name, contract, RUNS, SEED + index));
    expect(report.failure).toBeNull();
    expect(report.calls).toBe(RUNS);
    expect([...report.callers].sort()).toEqual([...FUZZ_CALLERS].sort());
  },
  180_000,
);
