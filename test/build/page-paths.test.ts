/**
 * A page path in app.config.ts names its source file: 'packages/staff/pages/index/index' is
 * src/packages/staff/pages/index/index.tsx. The h5 router also accepts a folder ('pages/index' → pages/index/index.tsx),
 * so a wrong path passes every browser test while WeChat shows the page blank — the 管理工作台 and 代表工作台 once were.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { appConfigFor, type AppConfig } from '../support/app-config';

const SRC = join(__dirname, '..', '..', 'src');

const allPages = (config: AppConfig) => [...config.pages, ...config.subPackages.flatMap(({ root, pages }) => pages.map((page) => `${root.replace(/\/+$/, '')}/${page}`))];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('page paths', () => {
  it('each page of the weapp and h5 builds has its source file at src/<path>.tsx and a page config beside it', async () => {
    const pages = [...new Set([...allPages(await appConfigFor('weapp')), ...allPages(await appConfigFor('h5'))])];
    const withoutSource = pages.filter((page) => !existsSync(join(SRC, `${page}.tsx`)) || !existsSync(join(SRC, `${page}.config.ts`)));
    expect(withoutSource).toEqual([]);
    expect(pages).toEqual(expect.arrayContaining(['packages/staff/pages/index/index', 'packages/deputy/pages/index/index']));
  });

  it('every link to one of our pages written in the client sources names a page of the app', async () => {
    const pages = new Set([...allPages(await appConfigFor('weapp')), ...allPages(await appConfigFor('h5'))]);
    const broken: string[] = [];
    for (const file of sources(SRC)) {
      for (const [, link] of readFileSync(file, 'utf8').matchAll(/['"`]\/((?:pages|packages)\/[\w/-]+)(?:[?'"`$])/g)) {
        if (!pages.has(link)) broken.push(`${relative(SRC, file)}: /${link}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
