import { readFileSync } from 'node:fs';
import { LOCKFILE, trimLock } from '../../scripts/trim-lock';

test('the committed lock has no optional edge npm ci would refuse (run `npm run trim-lock` after changing dependencies)', () => {
  const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8')) as Parameters<typeof trimLock>[0];
  expect(trimLock(lock)).toEqual([]);
});

test('trimming drops an optional binary pinned to a version the lock does not hold, and keeps the ones it holds', () => {
  const lock = {
    packages: {
      'node_modules/tool': { version: '2.0.0', optionalDependencies: { 'tool-linux': '2.0.0', 'tool-darwin': '2.0.0', stats: 'latest' } },
      'node_modules/tool-linux': { version: '2.0.0' },
      'node_modules/tool-darwin': { version: '1.0.0' },
    },
  };
  expect(trimLock(lock)).toEqual(['node_modules/tool -> tool-darwin@2.0.0', 'node_modules/tool -> stats@latest']);
  expect(lock.packages['node_modules/tool'].optionalDependencies).toEqual({ 'tool-linux': '2.0.0' });
});
