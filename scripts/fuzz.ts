/**
 * `npm run fuzz [-- <runs per action>] [--seed <n>]`: the abuse suite at scale — every action fuzzed with fast-check
 * (default 10,000 calls each, callers drawn from every role) against the in-memory local product, one line per action,
 * then the totals. Exits 1 when any call broke a property (test/support/fuzz.ts); each failure is shrunk and names its
 * seed and replay path.
 */
import { allActions, fuzzAction, type FuzzFailure } from '../test/support/fuzz';
import { startAppCloud } from '../test/support/app';

async function main(argv: string[]): Promise<number> {
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : Date.now() % 1_000_000;
  const runs = Number(argv.find((arg, i) => /^\d+$/.test(arg) && argv[i - 1] !== '--seed')) || 10_000;
  console.log(`npm run fuzz: ${runs} calls per action, seed ${seed}`);
  // Two local clouds, one action at a time on each (a store change is then that call's own): twice the pace on 2 cores.
  const apps = await Promise.all([startAppCloud({ dev: false }), startAppCloud({ dev: false })]);
  const failures: FuzzFailure[] = [];
  let calls = 0;
  const started = Date.now();
  try {
    const actions = allActions();
    let next = 0;
    const lane = async (app: (typeof apps)[number]): Promise<void> => {
      for (let index = next++; index < actions.length; index = next++) {
        const { name, contract } = actions[index];
        const report = await fuzzAction(app, name, contract, runs, seed + index);
        calls += report.calls;
        if (report.failure) failures.push(report.failure);
        const refused = Object.entries(report.refused).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
        console.log(`${report.failure ? 'FAIL' : 'ok  '} ${name.padEnd(28)} calls ${String(report.calls).padStart(6)}  accepted ${String(report.accepted).padStart(6)}  refused: ${refused}`);
      }
    };
    await Promise.all(apps.map(lane));
  } finally {
    await Promise.all(apps.map((app) => app.close()));
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`\n${calls} calls in ${seconds.toFixed(0)} s (${(calls / seconds).toFixed(0)}/s); ${failures.length} failure(s)`);
  for (const failure of failures) console.log(`  ${failure.action} as ${failure.caller} (seed ${failure.seed}, path ${failure.path}): ${failure.problem}\n    ${failure.event}`);
  return failures.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
