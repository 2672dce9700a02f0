/**
 * The quiz actions of `study`: a member may take a quiz only when they may read its article; an attempt draws its
 * questions once (stored), answers come back only after submitting, a second submit of the same attempt answers the
 * same result, and the wrong-answer list is the member's own. Staff see counts per branch and the hardest questions.
 */
import { randomUUID } from 'node:crypto';
import type { studyQuiz } from '../../../../src/shared/contracts/study-quiz';
import type { studyStaff } from '../../../../src/shared/contracts/study-staff';
import { AppError } from '../../../../src/shared/errors';
import { sharePercent } from '../../../../src/shared/study/staff';
import type { Handlers, RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { readerKeys, unavailableFor, type Reader } from '../../domain/study/articles';
import { drawQuestions, questionView, quizBranchFigures, scoreAttempt, sessionUnavailable } from '../../domain/study/quiz';
import { orgNodes } from '../../infra/push';
import { quizRepo } from '../../infra/quiz';
import { articlesRepo, membersPerBranch } from '../../infra/study';

const UNAVAILABLE: Record<string, string> = {
  audience: '这套测试是发给特定支部党员的，你不在这次的范围内',
  withdrawn: '这篇文章已撤回，测试也一并关闭了',
  not_yet: '还没到发布时间，请稍后再来',
  missing: '没有找到这套测试',
  closed: '这场测试已经结束了',
};

export function quizHandlers(readerOf: (ctx: RequestContext) => Promise<Reader>): Handlers<typeof studyQuiz> & Pick<Handlers<typeof studyStaff>, 'quizFigures'> {
  return {
    quizStart: async ({ quizId }, ctx) => {
      const { caller, db, now } = ctx;
      const repo = quizRepo(db);
      const quiz = await repo.quiz(quizId);
      if (!quiz) throw new AppError('QUIZ.NOT_FOUND', UNAVAILABLE.missing);
      const reader = await readerOf(ctx);
      const why = quiz.session ? sessionUnavailable(quiz.session, readerKeys(reader), now) : (unavailableFor(quiz.articleId ? await articlesRepo(db).byId(quiz.articleId) : null, reader, now)?.reason ?? null);
      if (why) throw new AppError('QUIZ.UNAVAILABLE', UNAVAILABLE[why], { reason: why });
      const attemptId = `att-${randomUUID()}`;
      const questionIds = drawQuestions(quiz.questionIds, quiz.draw, attemptId);
      await repo.addAttempt({
        _id: attemptId,
        quizId,
        openid: caller.openid,
        branchId: caller.memberBranchId,
        orgPath: caller.memberOrgPath ?? [],
        questionIds,
        startedAt: now,
        submittedAt: null,
        score: null,
        passed: null,
        answers: {},
        wrong: [],
      });
      const questions = await repo.questions(questionIds);
      return { attemptId, quizId, title: quiz.title, passScore: quiz.passScore, questions: questions.map(questionView) };
    },
    quizSubmit: async ({ attemptId, answers }, { caller, db, now }) => {
      const repo = quizRepo(db);
      const attempt = await repo.attempt(attemptId);
      // Someone else's attempt reads as unknown.
      if (!attempt || attempt.openid !== caller.openid) throw new AppError('QUIZ.NOT_FOUND', '没有找到这次答题，请重新开始');
      const quiz = await repo.quiz(attempt.quizId);
      if (!quiz) throw new AppError('QUIZ.NOT_FOUND', UNAVAILABLE.missing);
      const questions = await repo.questions(attempt.questionIds);
      const fresh = scoreAttempt(questions, answers, quiz.passScore);
      if (attempt.submittedAt === null && (await repo.submit(attemptId, { answers, score: fresh.score, passed: fresh.passed, submittedAt: now, wrong: fresh.wrong }))) {
        // The wrong-answer list: wrong ones added, ones now answered right taken off.
        await Promise.all(fresh.wrong.map((questionId) => repo.markWrong({ _id: `${caller.openid}:${questionId}`, openid: caller.openid, questionId, quizId: quiz._id, at: now })));
        await repo.clearWrong(caller.openid, attempt.questionIds.filter((id) => !fresh.wrong.includes(id)));
        return { score: fresh.score, passed: fresh.passed, passScore: quiz.passScore, results: fresh.results };
      }
      // Submitted before (a retry, a second tap): the stored answers decide, not these.
      const stored = (await repo.attempt(attemptId)) ?? attempt;
      const first = scoreAttempt(questions, stored.answers, quiz.passScore);
      return { score: first.score, passed: first.passed, passScore: quiz.passScore, results: first.results };
    },
    quizMine: async (_input, { caller, db }) => {
      const repo = quizRepo(db);
      const [passed, wrong] = await Promise.all([repo.passed(caller.openid, 100), repo.wrongOf(caller.openid, 100)]);
      const quizzes = await repo.quizzesById([...new Set(passed.map((attempt) => attempt.quizId))]);
      const best = new Map<string, { quizId: string; title: string; score: number; at: number }>();
      for (const attempt of passed) {
        const seen = best.get(attempt.quizId);
        if (!seen || (attempt.score ?? 0) > seen.score) {
          best.set(attempt.quizId, { quizId: attempt.quizId, title: quizzes.find((quiz) => quiz._id === attempt.quizId)?.title ?? '', score: attempt.score ?? 0, at: attempt.submittedAt ?? 0 });
        }
      }
      const questions = await repo.questions(wrong.map((item) => item.questionId));
      return {
        passed: [...best.values()],
        wrong: questions.map((question) => ({ ...questionView(question), answer: question.answer, explanation: question.explanation })),
      };
    },
    sessions: async (_input, ctx) => {
      const reader = await readerOf(ctx);
      const found = await quizRepo(ctx.db).sessionsFor(readerKeys(reader), ctx.now, 20);
      return {
        items: found.flatMap((quiz) =>
          quiz.session ? [{ quizId: quiz._id, title: quiz.title, opensAt: quiz.session.opensAt, closesAt: quiz.session.closesAt, open: quiz.session.opensAt <= ctx.now }] : [],
        ),
      };
    },
    quizFigures: async ({ quizId }, { caller, db }) => {
      const repo = quizRepo(db);
      const quiz = await repo.quiz(quizId);
      if (!quiz) throw new AppError('QUIZ.NOT_FOUND', UNAVAILABLE.missing);
      requireScope(caller, quiz.scopePath, '这套测试');
      const article = quiz.articleId ? await articlesRepo(db).byId(quiz.articleId) : null;
      const orgs = await orgNodes(db);
      const addressed = (quiz.session ? quiz.session.orgIds : (article?.audience.orgIds ?? [])).filter((orgId) =>
        caller.adminOrgIds.some((own) => (orgs.find((org) => org._id === orgId)?.path ?? []).includes(own)),
      );
      const [members, taken, counts] = await Promise.all([
        membersPerBranch(db, addressed, article?.audience.tags ?? []),
        repo.takenPerBranch(quizId, quiz.passScore),
        repo.questionCounts(quizId),
      ]);
      const questions = await repo.questions(quiz.questionIds);
      const hardest = questions
        .map((question) => {
          const answered = counts.answered.get(question._id) ?? 0;
          return { questionId: question._id, stem: question.stem, answered, wrongShare: sharePercent(counts.wrong.get(question._id) ?? 0, answered) };
        })
        .filter((row) => row.answered > 0)
        .sort((a, b) => b.wrongShare - a.wrongShare)
        .slice(0, 5);
      return { quizId, title: quiz.title, branches: quizBranchFigures(members, taken, new Map(orgs.map((org) => [org._id, org.name]))), hardest };
    },
  };
}
