/**
 * Quiz rules without a cloud: drawing N questions for an attempt, scoring each question type (single choice, multiple
 * choice — all right options and no wrong one, no partial credit — and true/false), the score and the pass, and the
 * per-branch figures from counts.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../../src/shared/errors';
import type { BranchQuizFigures, QuestionDoc, QuestionResult, QuestionView, QuizSession } from '../../../../src/shared/study/quiz';

/** N questions of the pool in an order fixed by the seed (the attempt id): the same attempt always draws the same. */
export function drawQuestions(pool: readonly string[], n: number, seed: string): string[] {
  const keyed = pool.map((id) => ({ id, key: createHash('sha256').update(`${seed}\n${id}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.slice(0, Math.min(n, pool.length)).map((item) => item.id);
}

/** Right when exactly the right options are chosen (a multiple-choice question with one missing or one extra is wrong). */
export function isCorrect(question: Pick<QuestionDoc, 'kind' | 'answer'>, chosen: readonly number[]): boolean {
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  if (question.kind !== 'multiple' && picked.length !== 1) return false;
  const right = [...question.answer].sort((a, b) => a - b);
  return picked.length === right.length && picked.every((value, index) => value === right[index]);
}

export function questionView(question: QuestionDoc): QuestionView {
  return { id: question._id, kind: question.kind, stem: question.stem, options: question.options };
}

/** Scores an attempt: percent right (rounded), passed at or above the pass mark, each question with its explanation. */
export function scoreAttempt(
  questions: readonly QuestionDoc[],
  answers: Readonly<Record<string, number[]>>,
  passScore: number,
): { score: number; passed: boolean; results: QuestionResult[]; wrong: string[] } {
  if (questions.length === 0) throw new AppError('QUIZ.EMPTY', '这套题还没有题目');
  const results = questions.map((question) => {
    const chosen = answers[question._id] ?? [];
    return { ...questionView(question), chosen, answer: question.answer, correct: isCorrect(question, chosen), explanation: question.explanation };
  });
  const right = results.filter((result) => result.correct).length;
  const score = Math.round((right / results.length) * 100);
  return { score, passed: score >= passScore, results, wrong: results.filter((result) => !result.correct).map((result) => result.id) };
}

/** Why a member may not take a 测试场次 now, or null when they may: their branch, and the time window. */
export function sessionUnavailable(session: QuizSession, readerKeys: readonly string[], now: number): 'audience' | 'not_yet' | 'closed' | null {
  if (!session.targets.some((key) => readerKeys.includes(key))) return 'audience';
  if (now < session.opensAt) return 'not_yet';
  if (now >= session.closesAt) return 'closed';
  return null;
}

/** Checks a question staff wrote: options, a right answer that is one of them, one answer for single and judge. */
export function checkQuestion(question: Pick<QuestionDoc, 'kind' | 'options' | 'answer' | 'stem'>): string | null {
  if (!question.stem.trim()) return '题目没有填写';
  if (question.options.length < 2) return '至少要有两个选项';
  if (question.answer.length === 0) return '没有标出正确答案';
  if (question.answer.some((index) => index < 0 || index >= question.options.length)) return '正确答案不在选项里';
  if (question.kind !== 'multiple' && question.answer.length !== 1) return '单选题和判断题只能有一个正确答案';
  return null;
}

/**
 * Per-branch figures from per-branch sums of each participant's best score (one aggregation in the cloud): members
 * addressed, who took it, average best score, pass share — counts only.
 */
export function quizBranchFigures(
  members: ReadonlyArray<{ branchId: string; targeted: number }>,
  taken: ReadonlyMap<string, { took: number; total: number; passed: number }>,
  names: ReadonlyMap<string, string>,
): BranchQuizFigures[] {
  return members.map(({ branchId, targeted }) => {
    const { took, total, passed } = taken.get(branchId) ?? { took: 0, total: 0, passed: 0 };
    return {
      branchId,
      branchName: names.get(branchId) ?? '',
      targeted,
      took,
      participation: targeted > 0 ? Math.min(100, Math.floor((took / targeted) * 100)) : 0,
      averageScore: took > 0 ? Math.round(total / took) : 0,
      passShare: took > 0 ? Math.floor((passed / took) * 100) : 0,
    };
  });
}
