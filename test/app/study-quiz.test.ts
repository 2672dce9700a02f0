/**
 * 应知应会 quizzes on the local cloud: a member of the demo branch takes the 八项义务 quiz (questions come without
 * answers), passes it, sees the explanations, retakes it, and keeps a private wrong-answer list; a second submit of
 * the same attempt answers the first result; nobody submits someone else's attempt; a member of another branch cannot
 * start it; staff see per-branch participation, average and pass share and the hardest questions — never a person.
 */
import ExcelJS from 'exceljs';
import { roster, studyQuiz, studyStaff } from '../../src/shared/contracts';
import { quizQuestions } from '../../scripts/local/demo-data';
import { database } from '../../cloud/src/infra/database';
import { startAppCloud, type AppCloud } from '../support/app';

const ADMIN = 'o_demo_admin';
const READER = 'o_quiz_m2';
const OTHER = 'o_quiz_m3';
const XISHAN = 'o_quiz_x1';
const RIGHT = new Map(quizQuestions(0).map((question) => [question._id, question.answer]));
const wrongOf = (answer: number[]): number[] => (answer.includes(0) ? [1] : [0]);

let app: AppCloud;

beforeAll(async () => {
  app = await startAppCloud();
  const db = database();
  const bind = async (openid: string, rosterId: string, orgPath: string[]): Promise<void> => {
    await db.collection('roster').doc(rosterId).update({ boundOpenid: openid, boundAt: 1 });
    await db.collection('users').add({ _id: openid, code: openid.slice(-6).toUpperCase(), createdAt: 1, updatedAt: 1, member: { branchId: orgPath[orgPath.length - 1], rosterId, name: openid, orgPath } });
  };
  const path = ['org-district', 'org-donghu', 'org-donghu-sq', 'org-donghu-b1'];
  await bind(READER, 'roster-02', path);
  await bind(OTHER, 'roster-03', path);
  await bind(XISHAN, 'roster-x1', ['org-district', 'org-xishan', 'org-xishan-sq', 'org-xishan-b1']);
});
afterAll(() => app.close());

test('a member draws three questions without answers, passes with the right ones and sees the explanations', async () => {
  const start = await app.call(studyQuiz.quizStart, { quizId: 'quiz-1' }, READER);
  expect(start.questions).toHaveLength(3);
  expect(JSON.stringify(start)).not.toMatch(/answer|explanation/);
  const answers = Object.fromEntries(start.questions.map((question) => [question.id, RIGHT.get(question.id) ?? []]));
  const result = await app.call(studyQuiz.quizSubmit, { attemptId: start.attemptId, answers }, READER);
  expect(result).toMatchObject({ score: 100, passed: true, passScore: 60 });
  expect(result.results.every((item) => item.correct && item.explanation.length > 0)).toBe(true);
  // A second submit of the same attempt (a retry) answers the first result, whatever it sends.
  const wrongAnswers = Object.fromEntries(start.questions.map((question) => [question.id, wrongOf(RIGHT.get(question.id) ?? [])]));
  expect((await app.call(studyQuiz.quizSubmit, { attemptId: start.attemptId, answers: wrongAnswers }, READER)).score).toBe(100);
  expect((await app.call(studyQuiz.quizMine, {}, READER)).passed).toEqual([expect.objectContaining({ quizId: 'quiz-1', score: 100 })]);
});

test('a wrong answer lands on the member\'s own wrong-answer list, and leaves it when answered right on a retake', async () => {
  const start = await app.call(studyQuiz.quizStart, { quizId: 'quiz-1' }, OTHER);
  const [first, ...rest] = start.questions;
  const answers = Object.fromEntries([[first.id, wrongOf(RIGHT.get(first.id) ?? [])], ...rest.map((question) => [question.id, RIGHT.get(question.id) ?? []])]);
  const result = await app.call(studyQuiz.quizSubmit, { attemptId: start.attemptId, answers }, OTHER);
  expect(result.score).toBe(67);
  const mine = await app.call(studyQuiz.quizMine, {}, OTHER);
  expect(mine.wrong.map((item) => item.id)).toEqual([first.id]);
  expect(mine.wrong[0].explanation.length).toBeGreaterThan(0);
  expect((await app.call(studyQuiz.quizMine, {}, READER)).wrong).toEqual([]);

  // Retakes draw again until the question comes up, then answer it right.
  for (let tries = 0; tries < 20; tries += 1) {
    const retake = await app.call(studyQuiz.quizStart, { quizId: 'quiz-1' }, OTHER);
    if (!retake.questions.some((question) => question.id === first.id)) continue;
    await app.call(studyQuiz.quizSubmit, { attemptId: retake.attemptId, answers: Object.fromEntries(retake.questions.map((question) => [question.id, RIGHT.get(question.id) ?? []])) }, OTHER);
    break;
  }
  expect((await app.call(studyQuiz.quizMine, {}, OTHER)).wrong).toEqual([]);
});

test('nobody submits someone else\'s attempt; a member of another branch cannot start the quiz', async () => {
  const start = await app.call(studyQuiz.quizStart, { quizId: 'quiz-1' }, READER);
  expect(await app.invoke(studyQuiz.quizSubmit, { attemptId: start.attemptId, answers: {} }, OTHER)).toMatchObject({ ok: false, error: { code: 'QUIZ.NOT_FOUND' } });
  expect(await app.invoke(studyQuiz.quizStart, { quizId: 'quiz-1' }, XISHAN)).toMatchObject({ ok: false, error: { code: 'QUIZ.UNAVAILABLE' } });
});

test('staff read a question table: good rows become questions, bad rows are listed, someone else\'s upload is refused', async () => {
  const { cloudPath } = await app.call(roster.uploadPath, { ext: 'csv' }, ADMIN);
  const csv = '题型,题目,选项A,选项B,答案,解析\r\n单选,党员义务共有几项？,六项,八项,B,党章第三条\r\n判断,预备党员也要履行义务。,,,对,\r\n多选,没有答案的题,甲,乙,,\r\n';
  const fileID = await app.stack.emulator.storage.put(cloudPath, Buffer.from(csv), ADMIN);
  const result = await app.call(studyStaff.quizImport, { fileID }, ADMIN);
  expect(result.questions.map((question) => question.stem)).toEqual(['党员义务共有几项？', '预备党员也要履行义务。']);
  expect(result.errors).toEqual([{ row: 4, message: '没有标出正确答案' }]);
  expect(await app.invoke(studyStaff.quizImport, { fileID }, 'o_demo_district')).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
});

describe('测试场次', () => {
  const HOUR = 3_600_000;
  const QUESTIONS = [{ kind: 'judge' as const, stem: '党员要按时交纳党费。', options: ['正确', '错误'], answer: [0], explanation: '党章规定的义务。' }];
  const arrange = (requestId: string, opensAt: number, closesAt: number) =>
    app.call(studyStaff.sessionSave, { requestId, orgId: 'org-donghu', title: `测试场次${requestId.slice(-2)}`, branchIds: ['org-donghu-b1'], opensAt, closesAt, draw: 1, passScore: 60, questions: QUESTIONS }, ADMIN);

  test('a session is open to its branches between its two times: listed and taken then, not before, not after, not elsewhere', async () => {
    const now = Date.now();
    const open = await arrange('session-request-01', now - HOUR, now + HOUR);
    expect((await arrange('session-request-01', now - HOUR, now + HOUR)).quizId).toBe(open.quizId);
    const later = await arrange('session-request-02', now + 24 * HOUR, now + 25 * HOUR);
    const over = await arrange('session-request-03', now - 2 * HOUR, now - HOUR);

    const listed = (await app.call(studyQuiz.sessions, {}, READER)).items;
    expect(listed.map((item) => [item.quizId, item.open])).toEqual([[open.quizId, true], [later.quizId, false]]);
    expect((await app.call(studyQuiz.sessions, {}, XISHAN)).items).toEqual([]);

    const start = await app.call(studyQuiz.quizStart, { quizId: open.quizId }, READER);
    expect((await app.call(studyQuiz.quizSubmit, { attemptId: start.attemptId, answers: { [start.questions[0].id]: [0] } }, READER)).passed).toBe(true);
    expect(await app.invoke(studyQuiz.quizStart, { quizId: later.quizId }, READER)).toMatchObject({ ok: false, error: { code: 'QUIZ.UNAVAILABLE', details: { reason: 'not_yet' } } });
    expect(await app.invoke(studyQuiz.quizStart, { quizId: over.quizId }, READER)).toMatchObject({ ok: false, error: { code: 'QUIZ.UNAVAILABLE', details: { reason: 'closed' } } });
    expect(await app.invoke(studyQuiz.quizStart, { quizId: open.quizId }, XISHAN)).toMatchObject({ ok: false, error: { code: 'QUIZ.UNAVAILABLE', details: { reason: 'audience' } } });

    const ledger = await app.call(studyStaff.ledger, { orgId: 'org-donghu', from: '2026-01-01', to: '2030-12-31' }, ADMIN);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(ledger.url)).arrayBuffer());
    const sessionRows = (workbook.getWorksheet('应知应会测试')?.getSheetValues() ?? []).slice(1).map((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));
    expect(sessionRows).toContainEqual(['测试场次01（测试场次）', '东湖社区第一党支部', '20', '1', '5%', '100', '100%']);

    const staff = (await app.call(studyStaff.sessionList, { orgId: 'org-donghu' }, ADMIN)).items;
    expect(staff.map((item) => item.quizId).sort()).toEqual([open.quizId, later.quizId, over.quizId].sort());
    const figures = await app.call(studyStaff.quizFigures, { quizId: open.quizId }, ADMIN);
    expect(figures.branches).toEqual([expect.objectContaining({ branchId: 'org-donghu-b1', targeted: 20, took: 1, passShare: 100 })]);
    expect(await app.invoke(studyStaff.sessionSave, { requestId: 'session-request-04', orgId: 'org-xishan', title: '越权', branchIds: ['org-xishan-b1'], opensAt: now, closesAt: now + HOUR, draw: 1, passScore: 60, questions: QUESTIONS }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    });
  });
});

test('staff see participation, average, pass share and the hardest questions per branch — no person, no ranking', async () => {
  const figures = await app.call(studyStaff.quizFigures, { quizId: 'quiz-1' }, ADMIN);
  const branch = figures.branches.find((row) => row.branchId === 'org-donghu-b1');
  expect(branch).toMatchObject({ targeted: 20, took: 2, participation: 10, passShare: 100 });
  expect(figures.hardest.length).toBeGreaterThan(0);
  const text = JSON.stringify(figures);
  for (const openid of [READER, OTHER, 'openid']) expect(text).not.toContain(openid);
  expect(text).not.toMatch(/rank|duration|seconds|minutes/i);
  expect(await app.invoke(studyStaff.quizFigures, { quizId: 'quiz-1' }, 'o_demo_member')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
});
