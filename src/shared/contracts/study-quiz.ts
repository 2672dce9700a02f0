/**
 * `study` quiz actions (the same cloud function as study.ts; kept apart so only the quiz subpackage carries them):
 * members start a quiz attached to an article they may read, submit it (score, right answers, explanations; retakes
 * allowed), see their own passes and wrong-answer list, and the 测试场次 sent to their branch. Staff figures are in
 * study-staff.ts (so the quiz page and the staff pages share no contract module).
 */
import * as v from 'valibot';
import { action, defineFunction, id } from '../contract';
import type { MyQuizRecord, QuizResult, QuizStart, SessionCard } from '../study/quiz';

export const studyQuiz = defineFunction('study', {
  quizStart: action({
    summary: '开始答题（从题库抽题，不含答案）',
    input: v.object({ quizId: id('测试') }),
    roles: ['resident'],
    idempotent: false,
  }).returns<QuizStart>(),
  quizSubmit: action({
    summary: '交卷：得分、正确答案与解析（可重做）',
    input: v.object({
      attemptId: id('答题'),
      /** Question id → chosen option indexes. */
      answers: v.pipe(
        v.record(v.pipe(v.string(), v.maxLength(64)), v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9))), v.maxLength(10))),
        v.check((value) => Object.keys(value).length <= 100, '题目太多'),
      ),
    }),
    roles: ['resident'],
    // Submitting the same attempt again answers the same result.
    idempotent: true,
  }).returns<QuizResult>(),
  quizMine: action({
    summary: '我的测试记录与错题本（只有自己能看到）',
    input: v.object({}),
    roles: ['resident'],
    idempotent: true,
  }).returns<MyQuizRecord>(),
  sessions: action({
    summary: '发给我的测试场次（进行中和即将开始的）',
    input: v.object({}),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ items: SessionCard[] }>(),
});
