/**
 * WeChat's own compilers over a weapp build: `wcc` for every .wxml/.wxs and `wcsc` for every .wxss, from
 * miniprogram-compiler (the Linux binaries DevTools uses). Both stop at the first error and print it as
 * `file:line:col` (wcc) or `file(line:col)` (wcsc); we turn that into a Problem.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Problem } from './problem';

/** Every file below dir with one of the extensions, as forward-slash paths relative to dir. */
export function filesBelow(dir: string, extensions: string[], root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesBelow(full, extensions, root);
      return extensions.some((ext) => entry.name.endsWith(ext)) ? [relative(root, full).split(sep).join('/')] : [];
    })
    .sort();
}

/** The binary, with its run bit set (npm does not keep it for every installer). */
function compiler(name: 'wcc' | 'wcsc'): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`check:weapp runs WeChat's Linux x86-64 ${name}; on ${process.platform}/${process.arch} run it in CI or a Linux container.`);
  }
  const binary = join(dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux', name);
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, 0o755);
  }
  return binary;
}

const usingComponents = (dir: string, file: string): string[] => {
  const json = join(dir, file.replace(/\.wxml$/, '.json'));
  if (!existsSync(json)) return [];
  try {
    return Object.keys((JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {});
  } catch {
    return [];
  }
};

/** Reads `path:line:col: message` (wcc) or `ERR: path(line:col): message` (wcsc) from a compiler's output. */
export function parseCompilerError(output: string, known: string[]): Omit<Problem, 'check'> {
  const text = output.trim();
  const wcc = /([\w./@-]+\.(?:wxml|wxs)):(\d+):(\d+):\s*(.+)/.exec(text);
  if (wcc) return { file: wcc[1].replace(/^\.\//, ''), line: Number(wcc[2]), column: Number(wcc[3]), message: wcc[4].trim() };
  const wcsc = /([\w./@-]+\.wxss)\((\d+):(\d+)\):\s*(.+)/.exec(text);
  if (wcsc) return { file: wcsc[1].replace(/^\.\//, ''), line: Number(wcsc[2]), column: Number(wcsc[3]), message: wcsc[4].trim() };
  const named = known.find((file) => text.includes(file));
  return { file: named, message: text.split('\n').slice(0, 5).join(' ') || 'the compiler failed without a message' };
}

/** Compiles every template and WXS module of the build with wcc; [] when it compiles. */
export function compileTemplates(dir: string): Problem[] {
  const wxml = filesBelow(dir, ['.wxml']);
  const wxs = filesBelow(dir, ['.wxs']);
  // wcc's component map: "<count> <page.wxml> <n> <tag>... ..." for every template whose page declares components.
  const withComponents = wxml.map((file) => ({ file, tags: usingComponents(dir, file) })).filter(({ tags }) => tags.length > 0);
  const map = [String(withComponents.length), ...withComponents.flatMap(({ file, tags }) => [file, String(tags.length), ...tags])].join(' ');
  const run = spawnSync(compiler('wcc'), ['-d', '-cc', map, ...wxml, ...wxs, '-gn', '$gwx'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status === 0) return [];
  return [{ check: 'compile', ...parseCompilerError(`${run.stderr.toString()}\n${run.stdout.toString()}`, wxml) }];
}

/** Compiles every stylesheet of the build with wcsc (component styles first, as DevTools orders them); [] when it compiles. */
export function compileStyles(dir: string): Problem[] {
  const wxss = filesBelow(dir, ['.wxss']);
  const isComponent = (file: string) => existsSync(join(dir, file.replace(/\.wxss$/, '.json')));
  const ordered = [...wxss.filter(isComponent), ...wxss.filter((file) => !isComponent(file))];
  const run = spawnSync(compiler('wcsc'), ['-db', '-pc', String(wxss.filter(isComponent).length), ...ordered], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status === 0) return [];
  return [{ check: 'compile', ...parseCompilerError(`${run.stderr.toString()}\n${run.stdout.toString()}`, wxss) }];
}
