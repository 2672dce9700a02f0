/**
 * Renders every page of a build's app.json, each in its own process (render-page.ts), and turns what each page did
 * into Problems: blank, crashed, an error card, a template WeChat could not find, a cloud call without a canned reply
 * or with a payload its contract refuses, missing expected text, a tap that does not navigate where it should.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { PAGE_CHECKS, type PageCheck } from './pages';
import type { Problem } from './problem';
import { appPages, OUTCOME_MARK, type RenderOutcome } from './render-page';

const RENDERER = join(__dirname, 'render-page.ts');

export interface RenderOptions {
  /** Expectations per page (default: pages.ts). */
  checks?: Record<string, PageCheck>;
  /** Pages rendered at once (default: up to 2, one per core). */
  concurrency?: number;
  /** Render only these pages of app.json (tests); default every page. */
  only?: string[];
}

export interface RenderReport {
  problems: Problem[];
  outcomes: RenderOutcome[];
  /** Pages rendered without an entry in pages.ts (checked for text and errors only). */
  unlisted: string[];
}

function renderInChild(dir: string, page: string, check: PageCheck | undefined): Promise<RenderOutcome | { page: string; fatal: string }> {
  const args = ['--import', 'tsx', RENDERER, dir, page, JSON.stringify(check?.query ?? {}), check?.tap?.text ?? ''];
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: join(__dirname, '..', '..'), maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((text) => text.startsWith(OUTCOME_MARK));
      if (line) return done(JSON.parse(line.slice(OUTCOME_MARK.length)) as RenderOutcome | { page: string; fatal: string });
      done({ page, fatal: `${error?.message ?? 'the renderer printed no outcome'}\n${stderr.slice(-2000)}` });
    });
  });
}

/** Where a tap landed, compared by page path and, when the expectation has one, by query. */
export function sameTarget(url: string, expected: string): boolean {
  const [path, query = ''] = url.split('?');
  const [wantPath, wantQuery] = expected.split('?');
  if (path !== wantPath) return false;
  if (wantQuery === undefined) return true;
  const have = new URLSearchParams(query);
  return [...new URLSearchParams(wantQuery)].every(([key, value]) => have.get(key) === value);
}

/** The problems one rendered page shows. */
export function judge(outcome: RenderOutcome, check: PageCheck | undefined): Problem[] {
  const file = `${outcome.page}.wxml`;
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ check: 'render', file, message });
  for (const name of new Set(outcome.missing)) {
    fail(`calls ${name}, which has no canned reply: add one to REPLIES in scripts/check-weapp/replies.ts (typed as that action's answer)`);
  }
  for (const refusal of new Set(outcome.refused)) fail(refusal);
  for (const crash of outcome.crashes) fail(`throws while rendering: ${crash.split('\n').slice(0, 3).join(' ')}`);
  for (const warning of outcome.warnings) {
    fail(/not found/i.test(warning) ? `template not found (WeChat draws nothing there): ${warning}` : `warns while rendering: ${warning.split('\n')[0]}`);
  }
  if (outcome.text === '') fail('renders blank (no text at all)');
  for (const card of outcome.errorCards) fail(`shows an error card: ${card}`);
  if (outcome.text.includes('正在加载')) fail(`is still loading after its calls were answered: ${outcome.text.slice(0, 80)}`);
  for (const text of check?.shows ?? []) if (!outcome.text.includes(text)) fail(`does not show “${text}” (it shows: ${outcome.text.slice(0, 120)}…)`);
  if (check?.tap) {
    const tap = outcome.tap;
    if (!tap?.found) fail(`has nothing showing “${check.tap.text}” to tap`);
    else {
      for (const refusal of tap.refusedNavigations) fail(`tapping “${check.tap.text}”: WeChat refuses the navigation: ${refusal}`);
      const landed = tap.navigations.map((navigation) => `${navigation.method} ${navigation.url}`);
      if (!tap.navigations.some((navigation) => sameTarget(navigation.url, check.tap!.opens))) {
        fail(`tapping “${check.tap.text}” should open ${check.tap.opens}; it ${landed.length > 0 ? `did ${landed.join(', ')}` : 'navigated nowhere'}`);
      }
    }
  }
  return problems;
}

/** Renders every page of dir/app.json. */
export async function renderPages(dir: string, options: RenderOptions = {}): Promise<RenderReport> {
  const root = resolve(dir);
  const checks = options.checks ?? PAGE_CHECKS;
  const pages = appPages(JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as Parameters<typeof appPages>[0]);
  const problems: Problem[] = [];
  for (const page of Object.keys(checks)) {
    if (!options.only && !pages.includes(page)) problems.push({ check: 'render', file: 'scripts/check-weapp/pages.ts', message: `lists ${page}, which is not a page of app.json (renamed or removed?)` });
  }
  const outcomes: RenderOutcome[] = [];
  const queue = pages.filter((page) => !options.only || options.only.includes(page));
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? Math.min(2, cpus().length)) }, async () => {
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      const result = await renderInChild(root, page, checks[page]);
      if ('fatal' in result) {
        problems.push({ check: 'render', file: `${page}.wxml`, message: `could not be rendered: ${result.fatal.split('\n')[0]}` });
        continue;
      }
      outcomes.push(result);
      problems.push(...judge(result, checks[page]));
    }
  });
  await Promise.all(workers);
  outcomes.sort((a, b) => pages.indexOf(a.page) - pages.indexOf(b.page));
  return { problems, outcomes, unlisted: pages.filter((page) => !checks[page]) };
}
