/**
 * `npm run trim-lock`: drops from package-lock.json the optional-dependency edges the lock cannot satisfy — platform
 * binaries this project's registry does not serve (macOS/Windows/ARM builds of @swc/core and @tarojs/binding) and
 * NutUI's usage-stats tool, which is on no public registry. `npm install` tolerates such edges, `npm ci` refuses the
 * whole lock ("Missing: … from lock file"); trimmed, `npm ci` installs exactly the locked tree and `npm install` keeps
 * the lock as it is. Run it after any change to dependencies.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

/** The node a dependency of `path` resolves to, as Node's module lookup walks up node_modules folders. */
function resolveIn(lock: Lockfile, path: string, dep: string): LockEntry | null {
  let at = path;
  for (;;) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${dep}`;
    if (lock.packages[candidate]) return lock.packages[candidate];
    if (!at) return null;
    const cut = at.lastIndexOf('/node_modules/');
    at = cut < 0 ? '' : at.slice(0, cut);
  }
}

/** Removes unsatisfiable optional edges in place; returns them as "<package path> -> <dep>@<range>". */
export function trimLock(lock: Lockfile): string[] {
  const dropped: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!entry.optionalDependencies) continue;
    for (const [dep, range] of Object.entries(entry.optionalDependencies)) {
      const node = resolveIn(lock, path, dep);
      // Platform binaries are pinned to their package's exact version; anything else only has to be present.
      const exact = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range);
      const ok = node?.version !== undefined && (!exact || node.version === range);
      if (!ok) {
        delete entry.optionalDependencies[dep];
        dropped.push(`${path} -> ${dep}@${range}`);
      }
    }
    if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
  }
  return dropped;
}

export const LOCKFILE = join(resolve(__dirname, '..'), 'package-lock.json');

if (require.main === module) {
  const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8')) as Lockfile;
  const dropped = trimLock(lock);
  writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(dropped.length ? `dropped ${dropped.length} optional edge(s):\n${dropped.join('\n')}` : 'package-lock.json needs no trimming');
}
