/**
 * Abuse suite: every action's payload, fuzzed with fast-check as every role (fixed seed, so a failure repeats): hostile input is only
 * ever answered with a structured error — never a crash, an INTERNAL.ERROR or a non-envelope — broken text is refused,
 * and a call refused for its input or its caller's role writes nothing. `npm run fuzz` runs the same with ≥ 10,000
 * calls per action and prints a report (test/support/fuzz.ts says what is generated and checked).
 */
import { allActions, fuzzAction, FUZZ_CALLERS } from '../support/fuzz';
import { startAppCloud, type AppCloud } from '../support/app';

const RUNS = Number(process.env.LIANXIN_FUZZ_RUNS) || 200;
const SEED = 20261130;

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud({ dev: false });
}, 120_000);
afterAll(() => app.close());

describe.each(allActions().map(({ name, contract }, index) => [name, contract, index] as const))('%s', (name, contract, index) => {
  it(`answers ${RUNS} hostile payloads from every role with structured errors only, and refusals write nothing`, async () => {
    const report = await fuzzAction(app, name, contract, RUNS, SEED + index);
    expect(report.failure).toBeNull();
    expect(report.calls).toBe(RUNS);
    expect([...report.callers].sort()).toEqual([...FUZZ_CALLERS].sort());
  }, 120_000);
});
