/**
 * What a newcomer and an operator read first: the README's first screen (two commands), the 运维手册 covering each
 * task a district's operator has (issue 13, Deliver 6), and the local cloud taking each collection's closed rule from
 * the same manifests `npm run deploy` applies (Deliver 2).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase } from '../../emulator/db';

const ROOT = join(__dirname, '../..');

describe('README', () => {
  it('opens with exactly two commands: npm install && npm start, and npm test', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter(Boolean).map((line) => line.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
    // Nothing but the title and one line of what it is come before them.
    expect(readme.indexOf('```bash')).toBeLessThan(200);
  });
});

describe('运维手册', () => {
  const guide = readFileSync(join(ROOT, 'docs/运维手册.md'), 'utf8');

  it.each([
    ['deploying with npm run deploy, dry run first', /npm run deploy -- --dry-run/],
    ['the org tree and the studios', /组织架构和工作室/],
    ['the first district admin', /第一位区管理员/],
    ['the roster import', /导入党员名册/],
    ['the holiday schedule each year', /每年一次：节假日安排/],
    ['backup and export', /备份与导出/],
    ['data retention', /数据保存期限/],
    ['the privacy text\'s contact and retention, set per deployment', /LIANXIN_PRIVACY_CONTACT[\s\S]*LIANXIN_PRIVACY_RETENTION|LIANXIN_PRIVACY_RETENTION[\s\S]*LIANXIN_PRIVACY_CONTACT/],
  ])('covers %s', (_topic, pattern) => {
    expect(guide).toMatch(pattern);
  });
});

describe('database rules from the repository', () => {
  it('the local cloud reads every manifest\'s rule, and each one closes its collection to clients', async () => {
    const manifests = readdirSync(join(ROOT, 'database/collections')).filter((name) => name.endsWith('.json')).map((name) => name.replace(/\.json$/, ''));
    const db = await createDatabase({ dataDir: null, log: () => undefined });
    try {
      const rules = db.rules();
      expect(Object.keys(rules).sort()).toEqual(manifests.sort());
      for (const name of manifests) expect(rules[name]).toEqual({ read: false, write: false });
    } finally {
      await db.close();
    }
  });
});
