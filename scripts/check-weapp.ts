/**
 * `npm run check:weapp [dir]`: checks a weapp build (default dist/, after `npm run build:weapp`) with WeChat's own
 * toolchain, offline — wcc/wcsc compile every template and stylesheet, an audit reads the output as WeChat's loader
 * and review would, and every page of app.json is rendered with miniprogram-simulate against a canned cloud.
 * Prints each problem with its file and line; exits 1 when there is any.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { auditOutput } from './check-weapp/audit';
import { compileStyles, compileTemplates } from './check-weapp/compile';
import { formatProblem, type Problem } from './check-weapp/problem';
import { renderPages, type RenderOptions, type RenderReport } from './check-weapp/render';

export interface WeappReport {
  problems: Problem[];
  render: RenderReport | null;
  /** Milliseconds per stage. */
  timings: { compile: number; audit: number; render: number };
}

/** Runs every stage (rendering only when the output compiles, since a page that does not compile cannot render). */
export async function checkWeapp(dir: string, options: RenderOptions & { render?: boolean } = {}): Promise<WeappReport> {
  if (!existsSync(join(dir, 'app.json'))) {
    throw new Error(`找不到小程序构建 ${dir}/app.json，请先运行 npm run build:weapp。 No weapp build at ${dir}: run npm run build:weapp first.`);
  }
  let started = Date.now();
  const compiled = [...compileTemplates(dir), ...compileStyles(dir)];
  const compile = Date.now() - started;
  started = Date.now();
  const audited = auditOutput(dir);
  const audit = Date.now() - started;
  started = Date.now();
  const render = options.render === false || compiled.length > 0 ? null : await renderPages(dir, options);
  return { problems: [...compiled, ...audited, ...(render?.problems ?? [])], render, timings: { compile, audit, render: Date.now() - started } };
}

if (require.main === module) {
  const dir = process.argv[2] ?? 'dist';
  checkWeapp(dir).then(
    (report) => {
      const { timings, render } = report;
      for (const outcome of render?.outcomes ?? []) console.log(`  rendered ${outcome.page} (${outcome.ms} ms): ${outcome.text.slice(0, 40)}…`);
      for (const page of render?.unlisted ?? []) console.log(`  note: ${page} has no entry in scripts/check-weapp/pages.ts (checked for text and errors only; add what it must show and one tap)`);
      for (const problem of report.problems) console.log(formatProblem(problem));
      const pages = render ? `${render.outcomes.length} pages rendered` : 'pages not rendered';
      console.log(
        `check:weapp ${dir}: ${report.problems.length === 0 ? 'OK' : `${report.problems.length} problem(s)`} — compile ${timings.compile} ms, audit ${timings.audit} ms, ${pages} in ${timings.render} ms`,
      );
      process.exitCode = report.problems.length === 0 ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
