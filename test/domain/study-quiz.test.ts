/**
 * Quiz rules without a cloud: each question type is scored as a member expects (single choice, multiple choice only
 * when every right option and no wrong one is chosen, true/false), the score and pass mark, the draw of N questions
 * fixed per attempt, the checks on a question staff write, and per-branch figures as counts and shares.
 */
import { checkQuestion, drawQuestions, isCorrect, quizBranchFigures, scoreAttempt } from '../../cloud/src/domain/study/quiz';
import type { QuestionDoc } from '../../src/shared/study/quiz';

const question = (id: string, kind: QuestionDoc['kind'], answer: number[], options = ['A', 'B', 'C', 'D']): QuestionDoc => ({
  _id: id,
  topic: '应知应会',
  kind,
  stem: `题目${id}`,
  options: kind === 'judge' ? ['正确', '错误'] : options,
  answer,
  explanation: `解析${id}`,
  scopePath: [],
  createdAt: 0,
});

describe('scoring each question type', () => {
  test('a single-choice question is right with its one option, wrong with another or with two chosen', () => {
    const q = question('s', 'single', [2]);
    expect(isCorrect(q, [2])).toBe(true);
    expect(isCorrect(q, [1])).toBe(false);
    expect(isCorrect(q, [2, 1])).toBe(false);
    expect(isCorrect(q, [])).toBe(false);
  });

  test('a multiple-choice question is right only with every right option and no wrong one, in any order', () => {
    const q = question('m', 'multiple', [0, 2, 3]);
    expect(isCorrect(q, [3, 0, 2])).toBe(true);
    expect(isCorrect(q, [0, 2])).toBe(false);
    expect(isCorrect(q, [0, 1, 2, 3])).toBe(false);
  });

  test('a true/false question is right with the right one of 正确/错误', () => {
    const q = question('j', 'judge', [1]);
    expect(isCorrect(q, [1])).toBe(true);
    expect(isCorrect(q, [0])).toBe(false);
  });

  test('the score is the share right; the pass mark counts; each result carries the right answer and explanation', () => {
    const questions = [question('1', 'single', [0]), question('2', 'multiple', [0, 1]), question('3', 'judge', [0])];
    const { score, passed, results, wrong } = scoreAttempt(questions, { '1': [0], '2': [0], '3': [0] }, 60);
    expect(score).toBe(67);
    expect(passed).toBe(true);
    expect(wrong).toEqual(['2']);
    expect(results[1]).toMatchObject({ correct: false, chosen: [0], answer: [0, 1], explanation: '解析2' });
    expect(scoreAttempt(questions, { '1': [0] }, 60)).toMatchObject({ score: 33, passed: false });
  });
});

test('an attempt draws N questions of the pool, the same for the same attempt, another set for another', () => {
  const pool = Array.from({ length: 20 }, (_, n) => `q${n}`);
  const first = drawQuestions(pool, 5, 'attempt-1');
  expect(first).toHaveLength(5);
  expect(new Set(first).size).toBe(5);
  expect(drawQuestions(pool, 5, 'attempt-1')).toEqual(first);
  expect(drawQuestions(pool, 5, 'attempt-2')).not.toEqual(first);
  expect(drawQuestions(pool.slice(0, 3), 5, 'x')).toHaveLength(3);
});

test('a question staff write needs a stem, two options and a right answer among them (one for single and true/false)', () => {
  expect(checkQuestion({ kind: 'single', stem: '题', options: ['A', 'B'], answer: [0] })).toBeNull();
  expect(checkQuestion({ kind: 'single', stem: '题', options: ['A', 'B'], answer: [0, 1] })).toBe('单选题和判断题只能有一个正确答案');
  expect(checkQuestion({ kind: 'multiple', stem: '题', options: ['A', 'B'], answer: [2] })).toBe('正确答案不在选项里');
  expect(checkQuestion({ kind: 'judge', stem: '', options: ['正确', '错误'], answer: [0] })).toBe('题目没有填写');
});

test('branch figures are participation, average best score and pass share — no person in them', () => {
  const rows = quizBranchFigures(
    [{ branchId: 'b1', targeted: 20 }, { branchId: 'b2', targeted: 10 }],
    new Map([['b1', { took: 4, total: 300, passed: 3 }]]),
    new Map([['b1', '第一党支部'], ['b2', '第二党支部']]),
  );
  expect(rows).toEqual([
    { branchId: 'b1', branchName: '第一党支部', targeted: 20, took: 4, participation: 20, averageScore: 75, passShare: 75 },
    { branchId: 'b2', branchName: '第二党支部', targeted: 10, took: 0, participation: 0, averageScore: 0, passShare: 0 },
  ]);
});
