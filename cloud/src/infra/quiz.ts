/**
 * Quiz storage: `quizzes`, `quiz_questions`, `quiz_attempts` (a member's own), `quiz_wrong` (their wrong-answer list),
 * and the figures as aggregations (best score per member, then per branch; wrong answers per question).
 */
import type { AttemptDoc, QuestionDoc, QuizDoc, WrongDoc } from '../../../src/shared/study/quiz';
import type { Database, Stored } from './database';

export function quizRepo(db: Database) {
  const quizzes = db.collection<QuizDoc>('quizzes');
  const questions = db.collection<QuestionDoc>('quiz_questions');
  const attempts = db.collection<AttemptDoc>('quiz_attempts');
  const wrong = db.collection<WrongDoc>('quiz_wrong');
  const _ = db.command;
  return {
    async quiz(id: string): Promise<Stored<QuizDoc> | null> {
      return (await quizzes.where({ _id: id }).limit(1).get())[0] ?? null;
    },
    async quizzesById(ids: string[]): Promise<Array<Stored<QuizDoc>>> {
      return ids.length > 0 ? quizzes.where({ _id: _.in(ids) }).limit(ids.length).get() : [];
    },
    /** Questions by id, in the order asked. */
    async questions(ids: string[]): Promise<Array<Stored<QuestionDoc>>> {
      if (ids.length === 0) return [];
      const found = await questions.where({ _id: _.in(ids) }).limit(ids.length).get();
      const byId = new Map(found.map((doc) => [doc._id, doc]));
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as Stored<QuestionDoc>] : []));
    },
    /** 测试场次 addressed to one of these keys that have not closed yet, soonest closing first. */
    async sessionsFor(keys: string[], now: number, limit: number): Promise<Array<Stored<QuizDoc>>> {
      return quizzes.where({ 'session.targets': _.in(keys), 'session.closesAt': _.gt(now) }).orderBy('session.closesAt', 'asc').limit(limit).get();
    },
    /** The 测试场次 arranged under an admin's node, newest first. */
    async sessionsInScope(orgId: string, limit: number): Promise<Array<Stored<QuizDoc>>> {
      return quizzes.where({ scopePath: orgId, articleId: null }).orderBy('createdAt', 'desc').limit(limit).get();
    },
    async addQuestions(docs: QuestionDoc[]): Promise<void> {
      for (const doc of docs) await questions.doc(doc._id).set(doc);
    },
    /** Stores the quiz (replacing an earlier version of it). */
    async setQuiz(doc: QuizDoc): Promise<void> {
      await quizzes.doc(doc._id).set(doc);
    },
    async addAttempt(doc: AttemptDoc): Promise<void> {
      await attempts.add(doc);
    },
    async attempt(id: string): Promise<Stored<AttemptDoc> | null> {
      return (await attempts.where({ _id: id }).limit(1).get())[0] ?? null;
    },
    /** Records the submission once; false when it was submitted already (a retry or a second tap). */
    async submit(id: string, data: Pick<AttemptDoc, 'answers' | 'score' | 'passed' | 'submittedAt' | 'wrong'>): Promise<boolean> {
      return (await attempts.where({ _id: id, submittedAt: null }).update(data)).updated === 1;
    },
    /** The member's passed attempts, newest first. */
    async passed(openid: string, limit: number): Promise<Array<Stored<AttemptDoc>>> {
      return attempts.where({ openid, passed: true }).orderBy('submittedAt', 'desc').limit(limit).get();
    },
    async markWrong(doc: WrongDoc): Promise<void> {
      await wrong.doc(doc._id).set(doc);
    },
    async clearWrong(openid: string, questionIds: string[]): Promise<void> {
      if (questionIds.length > 0) await wrong.where({ openid, questionId: _.in(questionIds) }).remove();
    },
    async wrongOf(openid: string, limit: number): Promise<Array<Stored<WrongDoc>>> {
      return wrong.where({ openid }).orderBy('at', 'desc').limit(limit).get();
    },
    /** Per branch: members who submitted, the sum of their best scores, how many passed (one aggregation). */
    async takenPerBranch(quizId: string, passScore: number): Promise<Map<string, { took: number; total: number; passed: number }>> {
      const rows = await attempts
        .aggregate()
        .match({ quizId, submittedAt: _.neq(null), branchId: _.neq(null) })
        .group({ _id: '$openid', branchId: { $first: '$branchId' }, best: { $max: '$score' } })
        .group({ _id: '$branchId', took: { $sum: 1 }, total: { $sum: '$best' }, passed: { $sum: { $cond: [{ $gte: ['$best', passScore] }, 1, 0] } } })
        .end<{ _id: string; took: number; total: number; passed: number }>();
      return new Map(rows.map((row) => [row._id, { took: row.took, total: row.total, passed: row.passed }]));
    },
    /** Per question: how often it was answered and answered wrong, over submitted attempts. */
    async questionCounts(quizId: string): Promise<{ answered: Map<string, number>; wrong: Map<string, number> }> {
      const count = async (field: 'questionIds' | 'wrong'): Promise<Map<string, number>> => {
        const rows = await attempts
          .aggregate()
          .match({ quizId, submittedAt: _.neq(null) })
          .unwind(`$${field}`)
          .group({ _id: `$${field}`, n: { $sum: 1 } })
          .end<{ _id: string; n: number }>();
        return new Map(rows.map((row) => [row._id, row.n]));
      };
      const [answered, wrongCounts] = await Promise.all([count('questionIds'), count('wrong')]);
      return { answered, wrong: wrongCounts };
    },
  };
}
