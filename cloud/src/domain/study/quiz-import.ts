/**
 * A question bank from a table (.xlsx or .csv, first sheet): header 题型、题目、选项A…选项F、答案、解析 (any order; 选项
 * columns optional for 判断题). 题型 is 单选/多选/判断; 答案 is the option letters (B, ACD) or, for 判断, 正确/错误 (对/错,
 * √/×). Every bad row comes back with its row number and reason; nothing is written here.
 */
import { JUDGE_OPTIONS, type QuestionKind } from '../../../../src/shared/study/quiz';
import { checkQuestion } from './quiz';

export interface ImportedQuestion {
  kind: QuestionKind;
  stem: string;
  options: string[];
  answer: number[];
  explanation: string;
}

export interface QuestionImport {
  questions: ImportedQuestion[];
  /** Row numbers as in the file (the header is row 1). */
  errors: Array<{ row: number; message: string }>;
}

export const QUESTION_COLUMNS = ['题型', '题目', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析'] as const;
const LETTERS = 'ABCDEF';
const KINDS: Record<string, QuestionKind> = { 单选: 'single', 单选题: 'single', 多选: 'multiple', 多选题: 'multiple', 判断: 'judge', 判断题: 'judge' };
const JUDGE_ANSWERS: Record<string, number> = { 正确: 0, 对: 0, '√': 0, 是: 0, 错误: 1, 错: 1, '×': 1, 否: 1 };

export function readQuestions(table: readonly string[][]): QuestionImport {
  const header = (table[0] ?? []).map((cell) => cell.trim());
  const column = (name: string): number => header.indexOf(name);
  const missing = ['题型', '题目', '答案'].filter((name) => column(name) < 0);
  if (missing.length > 0) return { questions: [], errors: [{ row: 1, message: `表头缺少：${missing.join('、')}（请用模板的列名）` }] };
  const questions: ImportedQuestion[] = [];
  const errors: QuestionImport['errors'] = [];
  table.slice(1).forEach((cells, index) => {
    const row = index + 2;
    const cell = (name: string): string => (column(name) >= 0 ? (cells[column(name)] ?? '').trim() : '');
    if (cells.every((value) => !value.trim())) return;
    const kind = KINDS[cell('题型')];
    if (!kind) {
      errors.push({ row, message: '题型应为 单选、多选 或 判断' });
      return;
    }
    const options = kind === 'judge' ? JUDGE_OPTIONS : LETTERS.split('').map((letter) => cell(`选项${letter}`)).filter(Boolean);
    const raw = cell('答案').toUpperCase().replace(/[\s,，、]/g, '');
    const judged = JUDGE_ANSWERS[cell('答案')];
    // A true/false answer that is neither 正确 nor 错误 reads as index -1: reported below like a wrong letter.
    const answer = kind === 'judge' ? [judged ?? -1] : raw.split('').map((letter) => LETTERS.indexOf(letter));
    if (answer.some((value) => value < 0)) {
      errors.push({ row, message: kind === 'judge' ? '判断题的答案应为 正确 或 错误' : '答案应为选项字母，如 B 或 ACD' });
      return;
    }
    const question = { kind, stem: cell('题目'), options, answer: [...new Set(answer)], explanation: cell('解析') };
    const problem = checkQuestion(question);
    if (problem) errors.push({ row, message: problem });
    else questions.push(question);
  });
  return { questions, errors };
}
