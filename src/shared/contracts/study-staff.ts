/**
 * `study` for staff (the same cloud function as study.ts; kept apart so only the staff subpackage carries these
 * schemas): write, version, publish (now or at a time) and withdraw articles in their scope, and per-branch read figures
 * (counts only).
 */
import * as v from 'valibot';
import { action, defineFunction, id, page, text } from '../contract';
import { STUDY_TOPICS, type ArticleFigures, type ArticleStaffCard, type ArticleStaffView } from '../study';
import type { QuizFigures, SessionStaffCard } from '../study/quiz';

const REQUEST_BROKEN = '页面已过期，请刷新后重试';
/** What a cover (images) or an attachment (PDF or images) may be. */
export const STUDY_FILE_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp'] as const;
const fileRef = v.pipe(
  v.string('文件有误，请重新上传'),
  v.trim(),
  v.regex(/^(cloud:\/\/|https:\/\/)\S{1,400}$/, '文件有误，请重新上传'),
);
const topic = v.picklist(STUDY_TOPICS, '请从列表中选择主题');

/** Questions of a quiz as staff write them. */
const QUESTIONS = v.pipe(
  v.array(
    v.object({
      kind: v.picklist(['single', 'multiple', 'judge'], '请选择题型'),
      stem: text('题目', 200),
      options: v.pipe(v.array(text('选项', 60)), v.minLength(2, '至少要有两个选项'), v.maxLength(8, '最多 8 个选项')),
      answer: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.minLength(1, '请标出正确答案')),
      explanation: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300, '解析不能超过 300 字')), ''),
    }),
  ),
  v.minLength(1, '至少要有一道题'),
  v.maxLength(200, '一套测试最多 200 题'),
);

export const studyStaff = defineFunction('study', {
  staffList: action({
    summary: '管理范围内的学习文章（草稿、定时、已发布、已撤回）',
    input: v.object({ orgId: id('范围'), ...page }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ items: ArticleStaffCard[]; hasMore: boolean }>(),
  staffGet: action({
    summary: '编辑用：一篇文章的内容、发送范围与历史版本',
    input: v.object({ id: id('文章') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ article: ArticleStaffView }>(),
  save: action({
    summary: '保存学习文章（新建或修改；每次保存留一个版本）',
    input: v.object({
      /** The client's id for a new article: a retried first save makes one article. */
      requestId: v.pipe(v.string(REQUEST_BROKEN), v.regex(/^[\w-]{8,64}$/, REQUEST_BROKEN)),
      /** The article edited; omitted: a new one. */
      id: v.optional(id('文章')),
      /** The version the editor started from: someone else's save in between is not overwritten. */
      baseVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
      orgId: id('发布范围'),
      title: text('标题', 40),
      summary: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(120, '摘要不能超过 120 字')), ''),
      cover: v.optional(v.nullable(fileRef), null),
      body: v.pipe(v.string('请填写正文'), v.minLength(1, '请填写正文'), v.maxLength(100_000, '正文太长了，较长的文件请作为附件上传')),
      attachments: v.optional(
        v.pipe(
          v.array(v.object({ fileId: fileRef, name: text('附件名称', 60), kind: v.picklist(['pdf', 'image'], '附件只能是 PDF 或图片') })),
          v.maxLength(9, '最多 9 个附件'),
        ),
        [],
      ),
      tags: v.optional(v.pipe(v.array(topic), v.maxLength(3, '最多选 3 个主题')), []),
      required: v.boolean('请选择必读或选读'),
      audience: v.object({
        public: v.boolean(),
        orgIds: v.pipe(v.array(id('支部')), v.maxLength(500, '一次最多选择 500 个支部')),
        tags: v.pipe(v.array(text('标签', 10)), v.maxLength(10, '最多选择 10 个标签')),
      }),
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: false,
  }).returns<{ article: ArticleStaffView }>(),
  publish: action({
    summary: '发布学习文章（立即或定时），推送给所选支部',
    input: v.object({
      id: id('文章'),
      /** Publish later (epoch ms); omitted: now. */
      at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
      /** Also send a WeChat subscribe message to members who allowed it. */
      subscribe: v.optional(v.boolean(), false),
    }),
    roles: ['admin'],
    scoped: true,
    // Publishing twice finds the push job of the first (origin: article + version).
    idempotent: true,
  }).returns<{ article: ArticleStaffView }>(),
  withdraw: action({
    summary: '撤回学习文章（成员不再能打开）',
    input: v.object({ id: id('文章') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ article: ArticleStaffView }>(),
  filePath: action({
    summary: '上传封面或附件（PDF、图片）前领取存放位置（随机文件名；保存时只认自己上传的文件）',
    input: v.object({ ext: v.picklist(STUDY_FILE_EXTENSIONS, '附件只能是 PDF 或图片') }),
    roles: ['admin'],
    idempotent: false,
  }).returns<{ cloudPath: string }>(),
  quizImport: action({
    summary: '从表格读入题目（题型、题目、选项A…F、答案、解析），列出有误的行，不写入',
    input: v.object({ fileID: v.pipe(v.string('请先选择文件'), v.minLength(1, '请先选择文件'), v.maxLength(300)) }),
    roles: ['admin'],
    idempotent: true,
  }).returns<{
    questions: Array<{ kind: 'single' | 'multiple' | 'judge'; stem: string; options: string[]; answer: number[]; explanation: string }>;
    errors: Array<{ row: number; message: string }>;
  }>(),
  sessionSave: action({
    summary: '安排测试场次（所选支部在两个时间之间可以答题）',
    input: v.object({
      /** The client's id for this session: a retry makes one. */
      requestId: v.pipe(v.string(REQUEST_BROKEN), v.regex(/^[\w-]{8,64}$/, REQUEST_BROKEN)),
      orgId: id('范围'),
      title: text('测试名称', 40),
      branchIds: v.pipe(v.array(id('支部')), v.minLength(1, '请选择参加的支部'), v.maxLength(500, '一次最多选择 500 个支部')),
      opensAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
      closesAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
      draw: v.pipe(v.number(), v.integer(), v.minValue(1, '每次至少抽 1 题'), v.maxValue(50, '每次最多抽 50 题')),
      passScore: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100, '及格分不能超过 100')),
      questions: QUESTIONS,
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ quizId: string; questions: number }>(),
  sessionList: action({
    summary: '管理范围内的测试场次',
    input: v.object({ orgId: id('范围') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ items: SessionStaffCard[] }>(),
  quizFigures: action({
    summary: '一套测试各支部的参与率、平均分、及格率与最难的题（只有人数和比例）',
    input: v.object({ quizId: id('测试') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<QuizFigures>(),
  quizSave: action({
    summary: '给文章配应知应会测试（题目、每次抽题数、及格分；再次保存替换题目）',
    input: v.object({
      articleId: id('文章'),
      draw: v.pipe(v.number(), v.integer(), v.minValue(1, '每次至少抽 1 题'), v.maxValue(50, '每次最多抽 50 题')),
      passScore: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100, '及格分不能超过 100')),
      questions: QUESTIONS,
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ quizId: string; questions: number }>(),
  ledger: action({
    summary: '导出学习台账（所选时段推送的文章与测试，各支部人数和比例）',
    input: v.object({
      orgId: id('导出范围'),
      from: v.pipe(v.string('请选择开始日期'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 2026-01-01')),
      to: v.pipe(v.string('请选择结束日期'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 2026-12-31')),
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ url: string; fileID: string; rows: number }>(),
  figures: action({
    summary: '一篇文章各支部的已读情况（只有人数和比例）',
    input: v.object({ id: id('文章') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<ArticleFigures>(),
});
