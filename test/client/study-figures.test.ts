/**
 * What staff read of an article's reach, and where a forwarded share card leads: counts per branch only ("1/20 已读"),
 * the branches below a chosen share, and the article's main-package page (so a shared card opens without a subpackage).
 */
import { below, readLine } from '../../src/packages/staff/pages/study/figures';
import { ARTICLE_PAGE, articleLink, MY_STUDY_PAGE } from '../../src/shared/study';
import { appConfigFor } from '../support/app-config';

const rows = [
  { branchName: '第一支部', read: 1, targeted: 20, share: 5 },
  { branchName: '第二支部', read: 10, targeted: 20, share: 50 },
  { branchName: '第三支部', read: 20, targeted: 20, share: 100 },
];

test('a branch reads as read/targeted with its share, and nothing about who', () => {
  expect(readLine(rows[0])).toBe('1/20 已读（5%）');
});

test('staff can list only the branches below a chosen share; 100 shows every branch', () => {
  expect(below(rows, 60).map((row) => row.branchName)).toEqual(['第一支部', '第二支部']);
  expect(below(rows, 50).map((row) => row.branchName)).toEqual(['第一支部']);
  expect(below(rows, 100)).toHaveLength(3);
});

test('a share card opens the article page of the main package with the article id; 我的学习记录 is in the study subpackage', async () => {
  expect(articleLink('art-1 2')).toBe(`${ARTICLE_PAGE}?id=art-1%202`);
  const config = (await appConfigFor('weapp')) as unknown as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
  expect(config.pages).toContain(ARTICLE_PAGE.slice(1));
  const study = config.subPackages.find((sub) => sub.root === 'packages/study');
  expect(study?.pages.map((page) => `/${study.root}/${page}`)).toContain(MY_STUDY_PAGE);
});
