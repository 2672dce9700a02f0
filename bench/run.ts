/**
 * `npm run bench`: runs every suite, prints one line per figure, writes bench/results/latest.json.
 * Later issues add suites to SUITES; a suite returns figures, it does not print.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSuite, Figure } from './types';
import { birthdaySuite } from './suites/birthday';
import { casesSuite } from './suites/cases';
import { emulatorSuite } from './suites/emulator';
import { pushSuite } from './suites/push';
import { rosterSuite } from './suites/roster';
import { studySuite } from './suites/study';

const SUITES: BenchSuite[] = [emulatorSuite, casesSuite, rosterSuite, pushSuite, studySuite, birthdaySuite];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: Array<Figure & { suite: string }> = [];
  const notes: Array<{ suite: string; note: string }> = [];
  for (const suite of SUITES) {
    if (only.length > 0 && !only.includes(suite.name)) continue;
    for (const figure of await suite.run((line) => console.error(`  [${suite.name}] ${line}`))) {
      results.push({ suite: suite.name, ...figure });
      console.log(`${suite.name}: ${figure.name} = ${formatValue(figure.value)} ${figure.unit}${figure.note ? `  (${figure.note})` : ''}`);
    }
    for (const note of suite.notes ?? []) {
      notes.push({ suite: suite.name, note });
      console.log(`${suite.name}: note: ${note}`);
    }
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const report = { at: new Date().toISOString(), node: process.version, figures: results, notes };
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written: ${join(dir, 'latest.json')}`);
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
}

// Exit explicitly: DNS lookups the SDK starts off-cloud (see the emulator suite's note) can outlive the run by seconds.
main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
