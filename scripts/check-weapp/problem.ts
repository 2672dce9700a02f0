/** One thing check:weapp found wrong: where (file and line when known) and what, in words a developer can act on. */
export interface Problem {
  check: 'compile' | 'audit' | 'render';
  /** Path relative to the build folder, e.g. pages/home/index.wxml. */
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}: ` : '';
  return `[${problem.check}] ${where}${problem.message}`;
}
