/** Finds runtime code generation in built JavaScript, which the mini-program runtime forbids. Usage: tsx scripts/check-bundle.ts [dir...] */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What counts as code generation; `eval(` only as a whole name (not `medieval(`), but also as a method (`window.eval(`). */
const FORBIDDEN: Array<{ name: string; pattern: RegExp }> = [
  { name: 'new Function', pattern: /\bnew\s+Function\b/g },
  { name: 'eval(', pattern: /(?<![\w$])eval\s*\(/g },
];

export interface BundleFinding {
  /** Forward-slash path relative to the scanned folder. */
  file: string;
  construct: string;
  /** Some characters around the match, to find it in the bundle. */
  excerpt: string;
}

/** Every .js file below dir (forward-slash paths relative to dir). */
export function jsFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(full, root);
    return /\.(c|m)?js$/.test(entry.name) ? [relative(root, full).split(sep).join('/')] : [];
  });
}

/** Scans a build folder for `new Function` and `eval(` in JavaScript; throws when the folder does not exist. */
export function scanBundle(dir: string): BundleFinding[] {
  if (!existsSync(dir)) {
    throw new Error(`找不到构建产物 ${dir}，请先构建（npm run build:weapp / build:h5）。 Build output ${dir} not found: build first.`);
  }
  const findings: BundleFinding[] = [];
  for (const file of jsFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const { name, pattern } of FORBIDDEN) {
      for (const match of text.matchAll(pattern)) {
        const at = match.index ?? 0;
        findings.push({ file, construct: name, excerpt: text.slice(Math.max(0, at - 40), at + 40) });
      }
    }
  }
  return findings;
}

if (require.main === module) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['dist'];
  let failed = false;
  for (const dir of dirs) {
    const findings = scanBundle(dir);
    for (const finding of findings) console.log(`${dir}/${finding.file}: ${finding.construct} … ${finding.excerpt} …`);
    console.log(`${dir}: ${findings.length === 0 ? 'no new Function / eval(' : `${findings.length} finding(s)`}`);
    failed ||= findings.length > 0;
  }
  process.exitCode = failed ? 1 : 0;
}
