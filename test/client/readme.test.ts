/** The README tells a newcomer where 长辈模式 is, how to go back on h5, and commands that work on any PORT. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

test('it says where the 长辈模式 switch is', () => {
  expect(README).toMatch(/我的 → 长辈模式/);
});

test('it says how to go back from an h5 sub-page', () => {
  expect(README).toMatch(/\*\*返回\*\*/);
  expect(README).toMatch(/browser's back/);
});

test("the timer example reaches the app on whatever PORT it was started with", () => {
  const curls = README.split('\n').filter((line) => line.includes('curl') && line.includes('/api/'));
  expect(curls.length).toBeGreaterThan(0);
  for (const line of curls) expect(line).toContain('${PORT:-8086}');
});
