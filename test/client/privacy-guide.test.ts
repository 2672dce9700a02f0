/** The 用户隐私保护指引 sends people to buttons and pages that exist, under the names they carry on screen. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVACY_SECTIONS } from '../../src/pages/privacy/content';

const SRC = join(__dirname, '..', '..', 'src');
// Quoted words in the guide that are not on-screen names.
const NOT_UI = new Set(['连心', '这是同一个人']);

function screens(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return screens(path);
    return /\.tsx$|app\.config\.ts$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

test('every button or page the guide names in quotes is on screen somewhere in the app', () => {
  const named = PRIVACY_SECTIONS.flatMap((section) => section.paragraphs.flatMap((text) => [...text.matchAll(/“([^”]+)”/g)].map((match) => match[1])));
  const onScreen = screens(SRC).join('\n');
  const missing = named.filter((name) => !NOT_UI.has(name) && !onScreen.includes(name));
  expect(named).toEqual(expect.arrayContaining(['添加我的位置', '离我最近的排前面', '同意本指引', '撤回同意']));
  expect(missing).toEqual([]);
});
