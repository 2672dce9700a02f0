/**
 * 应知应会 quizzes, shared by client and cloud. A quiz draws N questions from its pool; a member takes it as often as
 * they like, sees the score, the right answers and the explanations, and keeps a private list of questions they got
 * wrong. Attempts are the member's own; staff only ever see counts per branch (participation, average, pass share,
 * the hardest questions) — never a person's score.
 */

export type QuestionKind = 'single' | 'multiple' | 'judge';

export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

/** The options of a 判断题. */
export const JUDGE_OPTIONS = ['正确', '错误'];

/** `quiz_questions`: one question of a bank. */
export interface QuestionDoc {
  _id: string;
  /** Topic (STUDY_TOPICS) the bank is sorted by. */
  topic: string;
  kind: QuestionKind;
  stem: string;
  options: string[];
  /** Indexes of the right options (one for single and judge). */
  answer: number[];
  explanation: string;
  scopePath: string[];
  createdAt: number;
}

/** A 测试场次: a quiz open to some branches between two times. */
export interface QuizSession {
  orgIds: string[];
  /** `org:<id>` per branch (or node): a member's keys find it, as for articles. */
  targets: string[];
  opensAt: number;
  closesAt: number;
}

/** `quizzes`: a quiz attached to an article (its audience is the article's), or a 测试场次 (`session`). */
export interface QuizDoc {
  _id: string;
  title: string;
  /** The article it belongs to; null for a 测试场次. */
  articleId: string | null;
  session?: QuizSession | null;
  /** The pool drawn from. */
  questionIds: string[];
  /** Questions per attempt. */
  draw: number;
  /** Pass mark, percent. */
  passScore: number;
  scopePath: string[];
  createdAt: number;
}

/** `quiz_attempts`: one attempt of one member (private: only they see it; staff see counts). */
export interface AttemptDoc {
  _id: string;
  quizId: string;
  openid: string;
  branchId: string | null;
  orgPath: string[];
  questionIds: string[];
  startedAt: number;
  submittedAt: number | null;
  score: number | null;
  passed: boolean | null;
  /** Question id → chosen option indexes. */
  answers: Record<string, number[]>;
  /** Question ids answered wrong (for the staff's hardest questions, as counts). */
  wrong: string[];
}

/** `quiz_wrong`: the member's wrong-answer list (`_id` = `<openid>:<question>`); answering it right later removes it. */
export interface WrongDoc {
  _id: string;
  openid: string;
  questionId: string;
  quizId: string;
  at: number;
}

/** A question as a member sees it before answering: no answer, no explanation. */
export interface QuestionView {
  id: string;
  kind: QuestionKind;
  stem: string;
  options: string[];
}

/** A question after submitting: what was chosen, the right answer, the explanation. */
export interface QuestionResult extends QuestionView {
  chosen: number[];
  answer: number[];
  correct: boolean;
  explanation: string;
}

export interface QuizStart {
  attemptId: string;
  quizId: string;
  title: string;
  passScore: number;
  questions: QuestionView[];
}

/** A 测试场次 as a member sees it in the list. */
export interface SessionCard {
  quizId: string;
  title: string;
  opensAt: number;
  closesAt: number;
  /** Open now (else: not yet). */
  open: boolean;
}

/** A 测试场次 in the staff list. */
export interface SessionStaffCard extends SessionCard {
  branchNames: string[];
  questions: number;
}

export interface QuizResult {
  score: number;
  passed: boolean;
  passScore: number;
  results: QuestionResult[];
}

/** 我的学习记录's quiz part: quizzes passed (best score) and the wrong-answer list. Private. */
export interface MyQuizRecord {
  passed: Array<{ quizId: string; title: string; score: number; at: number }>;
  wrong: Array<Omit<QuestionResult, 'chosen' | 'correct'>>;
}

/** One branch's quiz figures: counts and shares only. */
export interface BranchQuizFigures {
  branchId: string;
  branchName: string;
  targeted: number;
  /** Members who submitted at least once. */
  took: number;
  participation: number;
  /** Average of each participant's best score. */
  averageScore: number;
  /** Share of participants who passed. */
  passShare: number;
}

export interface QuizFigures {
  quizId: string;
  title: string;
  branches: BranchQuizFigures[];
  /** Questions most often answered wrong: the question and its wrong share, never who. */
  hardest: Array<{ questionId: string; stem: string; wrongShare: number; answered: number }>;
}
