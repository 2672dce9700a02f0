/**
 * The study 台账 for an inspection (巡察): per period, the articles pushed with their addressed / read counts per branch,
 * and the 应知应会 quizzes with participation and pass shares per branch — as an .xlsx workbook. Counts only: no name of
 * a member, no score of a person, no reading time. Scope and auditing are the caller's job.
 */
import ExcelJS from 'exceljs';
import { chinaDateTime } from '../../../../src/shared/calendar/dates';
import type { BranchReadFigures } from '../../../../src/shared/study';
import type { BranchQuizFigures } from '../../../../src/shared/study/quiz';

export interface StudyLedgerInput {
  orgName: string;
  /** China dates, inclusive. */
  from: string;
  to: string;
  generatedAt: number;
  generatedBy: string;
  articles: ReadonlyArray<{ title: string; publishAt: number; required: boolean; branches: readonly BranchReadFigures[] }>;
  quizzes: ReadonlyArray<{ title: string; branches: readonly BranchQuizFigures[] }>;
}

const chinaTime = chinaDateTime;

/** The workbook: sheet 学习推送 (one row per article and branch) and sheet 应知应会测试 (one row per quiz and branch). */
export async function buildStudyLedger(input: StudyLedgerInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '连心';
  const head = `${input.orgName} 学习台账 ${input.from} 至 ${input.to}（${input.generatedBy} 导出于 ${chinaTime(input.generatedAt)}）`;

  const pushed = workbook.addWorksheet('学习推送');
  pushed.addRow([head]);
  pushed.addRow(['文章', '发布时间', '类型', '支部', '应学人数', '已绑定微信', '已读人数', '已读比例']);
  for (const article of input.articles) {
    for (const row of article.branches) {
      pushed.addRow([article.title, chinaTime(article.publishAt), article.required ? '必读' : '选读', row.branchName, row.targeted, row.reached, row.read, `${row.share}%`]);
    }
  }
  pushed.columns.forEach((column, index) => {
    column.width = [36, 18, 8, 24, 10, 12, 10, 10][index] ?? 12;
  });

  const tests = workbook.addWorksheet('应知应会测试');
  tests.addRow([head]);
  tests.addRow(['测试', '支部', '应参加人数', '参加人数', '参与率', '平均分', '及格率']);
  for (const quiz of input.quizzes) {
    for (const row of quiz.branches) tests.addRow([quiz.title, row.branchName, row.targeted, row.took, `${row.participation}%`, row.averageScore, `${row.passShare}%`]);
  }
  tests.columns.forEach((column, index) => {
    column.width = [36, 24, 12, 10, 10, 10, 10][index] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
