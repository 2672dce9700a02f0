/**
 * Importing a question bank from a table: each kind read as staff write it (letters for choices, 正确/错误 for
 * true/false), every bad row reported with its row number and reason, blank rows skipped, a wrong header named.
 */
import { readQuestions } from '../../cloud/src/domain/study/quiz-import';

const HEADER = ['题型', '题目', '选项A', '选项B', '选项C', '选项D', '答案', '解析'];

test('single, multiple and true/false rows become questions; bad rows come back with their row and reason', () => {
  const { questions, errors } = readQuestions([
    HEADER,
    ['单选', '党员义务共有几项？', '六项', '八项', '十项', '', 'B', '党章第三条'],
    ['多选', '哪些属于党员义务？', '学习', '执行', '守纪', '只顾自己', 'a, b、c', ''],
    ['判断', '预备党员也要履行义务。', '', '', '', '', '对', ''],
    ['', '', '', '', '', '', '', ''],
    ['问答', '什么是党员？', '', '', '', '', '', ''],
    ['单选', '没有正确答案的题', '甲', '乙', '', '', 'C', ''],
    ['单选', '两个答案的单选题', '甲', '乙', '', '', 'AB', ''],
    ['判断', '答案写错的判断题', '', '', '', '', '不知道', ''],
  ]);
  expect(questions).toEqual([
    { kind: 'single', stem: '党员义务共有几项？', options: ['六项', '八项', '十项'], answer: [1], explanation: '党章第三条' },
    { kind: 'multiple', stem: '哪些属于党员义务？', options: ['学习', '执行', '守纪', '只顾自己'], answer: [0, 1, 2], explanation: '' },
    { kind: 'judge', stem: '预备党员也要履行义务。', options: ['正确', '错误'], answer: [0], explanation: '' },
  ]);
  expect(errors).toEqual([
    { row: 6, message: '题型应为 单选、多选 或 判断' },
    { row: 7, message: '正确答案不在选项里' },
    { row: 8, message: '单选题和判断题只能有一个正确答案' },
    { row: 9, message: '判断题的答案应为 正确 或 错误' },
  ]);
});

test('a table without the needed columns is refused at its header', () => {
  expect(readQuestions([['姓名', '手机号'], ['张三', '1']])).toEqual({ questions: [], errors: [{ row: 1, message: '表头缺少：题型、题目、答案（请用模板的列名）' }] });
});
