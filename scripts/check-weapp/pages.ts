/**
 * What check:weapp expects of each page when it renders with the canned replies (replies.ts). The list of pages comes
 * from the build's app.json, not from here: a page without an entry is still rendered and must show text without an
 * error card; an entry adds the query it opens with, texts it must show, and one tap that must navigate.
 */
import { CASE_ID, STUDIO_ID } from './replies';

export interface PageCheck {
  /** The query the page is opened with (as a link or a scanned code would). */
  query?: Record<string, string>;
  /** Texts the page must show. */
  shows: string[];
  /** Tap the element showing `text`; the page must navigate to `opens` (path, and the query if one is given). */
  tap?: { text: string; opens: string };
}

const CASE_PAGE = `/pages/case/index?id=${CASE_ID}`;
const STUDY_TITLE = '学习贯彻党的二十届四中全会精神';
const ARTICLE_PAGE = '/pages/article/index?id=article-1';

export const PAGE_CHECKS: Record<string, PageCheck> = {
  'pages/home/index': { shows: ['我要提意见', '今日推送', STUDY_TITLE], tap: { text: '我要提意见', opens: '/pages/opinion-form/index' } },
  'pages/study/index': { shows: ['学习内容', '我的学习记录', '必读', STUDY_TITLE, '未读'], tap: { text: STUDY_TITLE, opens: ARTICLE_PAGE } },
  'packages/study/pages/mine/index': { shows: ['学习记录只有你自己能看到', '已读 1 篇', STUDY_TITLE, '测试记录与错题本', '测试场次'], tap: { text: STUDY_TITLE, opens: ARTICLE_PAGE } },
  // The body is a rich-text node, which the simulator does not draw: its text is not checked here (e2e reads it on H5).
  'pages/article/index': { query: { id: 'article-1' }, shows: [STUDY_TITLE, '必读', '有新学习内容时提醒我'], tap: { text: '参加应知应会测试', opens: '/packages/study/pages/quiz/index?id=quiz-1' } },
  'pages/opinions/index': { shows: ['我要提意见', '东湖党代表工作室'], tap: { text: '东湖党代表工作室', opens: `/pages/studio/index?id=${STUDIO_ID}` } },
  'pages/me/index': { shows: ['我的编号', '代表工作台', '管理工作台'], tap: { text: '管理工作台', opens: '/packages/staff/pages/index/index' } },
  'pages/opinion-form/index': { query: { studio: STUDIO_ID }, shows: ['意见类别', '东湖党代表工作室', '提交'] },
  'pages/studio/index': { query: { id: STUDIO_ID }, shows: ['东湖党代表工作室', '东湖社区流动服务点'], tap: { text: '向这个工作室提意见', opens: '/pages/opinion-form/index' } },
  'pages/case/index': { query: { id: CASE_ID }, shows: ['小区门口路灯不亮', 'LS-2026-000001', '办理过程'] },
  'pages/inbox/index': { shows: ['您的意见已批办'], tap: { text: '您的意见已批办', opens: CASE_PAGE } },
  'pages/privacy/index': { shows: ['用户隐私保护指引'] },
  'pages/bind/index': { shows: ['仅党员需要绑定', '姓名 + 手机尾号', '手机号后 4 位'] },
  'packages/staff/pages/index/index': { shows: ['意见批办', '授权管理'], tap: { text: '意见批办', opens: '/packages/staff/pages/cases/index' } },
  'packages/staff/pages/cases/index': { shows: ['查看范围', '小区门口路灯不亮'], tap: { text: '小区门口路灯不亮', opens: CASE_PAGE } },
  'packages/staff/pages/supervise/index': { shows: ['督办', '小区门口路灯不亮'], tap: { text: '小区门口路灯不亮', opens: CASE_PAGE } },
  'packages/staff/pages/figures/index': { shows: ['收集意见征询表 12 份，批办答复 8 件'] },
  'packages/staff/pages/ledger/index': { shows: ['导出台账'] },
  'packages/staff/pages/roster/index': { shows: ['党员名册', '东湖社区第一党支部', '党员 20 人 · 已绑定微信 1 人 · 未绑定 19 人', '导入名册'] },
  'packages/staff/pages/held/index': { shows: ['待审核意见', '群里有人发刷单返利骗老人', '微信内容检查：像是诈骗信息', '放行'] },
  'packages/staff/pages/notices/index': { shows: ['通知公告', '主题党日活动通知', '进度 50%', '未绑定微信 2 人，需线下告知'] },
  'packages/staff/pages/holidays/index': { shows: ['节假日安排', '国庆节', '放假 10月1日–10月7日', '还没有录入 2027 年的放假安排'] },
  'packages/birthday/pages/card/index': { query: { id: 'roster-01' }, shows: ['政治生日贺卡', '李明同志', '入党 30 周年', '1996年11月20日，您光荣地加入了中国共产党。', '入党誓词', '保存贺卡到相册'] },
  'packages/staff/pages/birthdays/index': { shows: ['政治生日', '今天（11月20日）', '未绑定微信，需线下告知', '本月政治生日（3 人）', '东湖社区的寄语', '保存寄语'] },
  'packages/staff/pages/reminders/index': { shows: ['廉政提醒', '未来一年的提醒', '元旦廉洁提醒', '安排临时提醒', '节日提醒设置'] },
  'packages/staff/pages/study/index': { shows: ['学习内容', STUDY_TITLE, '已发布', '写新文章', '查看已读情况', '查看测试情况', '导出学习台账', '安排测试场次', '十一月应知应会测试'], tap: { text: '编辑', opens: '/packages/staff/pages/study/edit?id=article-1' } },
  'packages/staff/pages/study/edit': { query: { id: 'article-1' }, shows: ['预览（党员看到的样子）', '第 2 版', '撤回', '历史版本', '应知应会测试', '从表格导入题目'] },
  'packages/study/pages/quiz/index': { query: { id: 'quiz-1' }, shows: ['应知应会：党员的八项义务', '单选题', '党章规定党员必须履行的义务共有几项？', '交卷'] },
  'packages/deputy/pages/index/index': { shows: ['待办意见', '小区门口路灯不亮'], tap: { text: '小区门口路灯不亮', opens: CASE_PAGE } },
};
