/**
 * The demo world `npm start` seeds once: one district with two streets and three communities, two studios with
 * deputies and a 流动服务点, one branch of 20 members with join dates (four 政治生日 this week), five study articles,
 * and the personas the dev sign-in page offers. Stable ids and openids, so e2e tests and people can rely on them.
 */
import { addDays, chinaDate, DAY_MS } from '../../src/shared/calendar';
import type { OrgNodeDoc, UserDoc } from '../../src/shared/identity';
import { rosterKey, type RosterDoc } from '../../src/shared/roster';
import type { ServicePointDoc, StudioDoc } from '../../src/shared/studios';
import type { ArticleDoc, ArticleVersionDoc, StudyTopic } from '../../src/shared/study';
import { JUDGE_OPTIONS, type QuestionDoc, type QuizDoc } from '../../src/shared/study/quiz';
import { sanitizeBody } from '../../cloud/src/domain/study/sanitize';

export interface DemoPersona {
  key: string;
  openid: string;
  label: string;
  description: string;
}

export const PERSONAS: DemoPersona[] = [
  { key: 'resident', openid: 'o_demo_resident', label: '居民 王阿姨', description: '普通居民：提意见、看进度，无需注册' },
  { key: 'member', openid: 'o_demo_member', label: '党员 李明', description: '东湖社区第一党支部党员：学习、消息' },
  { key: 'deputy', openid: 'o_demo_deputy', label: '党代表 陈建国', description: '东湖街道党代表工作室：办理意见' },
  { key: 'admin', openid: 'o_demo_admin', label: '街道管理员 赵敏', description: '东湖街道管理员：批办、统计、授权' },
  { key: 'district', openid: 'o_demo_district', label: '区管理员 周强', description: '示范区管理员：管理全区' },
];

const org = (id: string, name: string, kind: OrgNodeDoc['kind'], parent: OrgNodeDoc | null, order: number): OrgNodeDoc => ({
  _id: id,
  name,
  kind,
  parentId: parent ? parent._id : null,
  path: parent ? [...parent.path, id] : [id],
  order,
});

const district = org('org-district', '示范区', 'district', null, 1);
const donghu = org('org-donghu', '东湖街道', 'street', district, 1);
const xishan = org('org-xishan', '西山镇', 'street', district, 2);
const donghuCommunity = org('org-donghu-sq', '东湖社区', 'community', donghu, 1);
const guihua = org('org-guihua-sq', '桂花社区', 'community', donghu, 2);
const xishanCommunity = org('org-xishan-sq', '西山社区', 'community', xishan, 1);
const branch = org('org-donghu-b1', '东湖社区第一党支部', 'branch', donghuCommunity, 1);
const xishanBranch = org('org-xishan-b1', '西山社区党支部', 'branch', xishanCommunity, 1);

export const ORGS: OrgNodeDoc[] = [district, donghu, xishan, donghuCommunity, guihua, xishanCommunity, branch, xishanBranch];

export function studios(now: number): StudioDoc[] {
  return [
    {
      _id: 'studio-donghu',
      name: '东湖街道党代表工作室',
      orgId: donghu._id,
      orgPath: donghu.path,
      address: '东湖街道湖滨路 88 号党群服务中心二楼',
      location: { latitude: 30.5521, longitude: 114.3712, address: '湖滨路 88 号' },
      hours: '周一至周五 9:00-17:00',
      contact: '027-86881234',
      roster: { '1': ['o_demo_deputy'], '2': ['o_demo_deputy2'], '3': ['o_demo_deputy'], '4': ['o_demo_deputy2'], '5': ['o_demo_deputy'] },
      deputies: { o_demo_deputy: '陈建国', o_demo_deputy2: '刘芳' },
      createdAt: now,
    },
    {
      _id: 'studio-xishan',
      name: '西山镇党代表工作室',
      orgId: xishan._id,
      orgPath: xishan.path,
      address: '西山镇文化路 12 号便民服务中心',
      location: { latitude: 30.4812, longitude: 114.2533, address: '文化路 12 号' },
      hours: '周二、周四 9:00-12:00',
      contact: '027-86775678',
      roster: { '2': ['o_demo_deputy3'], '4': ['o_demo_deputy3'] },
      deputies: { o_demo_deputy3: '孙海燕' },
      createdAt: now,
    },
  ];
}

export function servicePoints(now: number): ServicePointDoc[] {
  return [
    {
      _id: 'point-donghu-sq',
      studioId: 'studio-donghu',
      orgPath: donghuCommunity.path,
      name: '东湖社区流动服务点',
      address: '东湖社区广场（菜市场东门）',
      location: { latitude: 30.5543, longitude: 114.3689, address: '东湖社区广场' },
      schedule: '每月第一个周六 9:00-11:30',
      createdAt: now,
    },
  ];
}

export function users(now: number): UserDoc[] {
  const user = (openid: string, code: string, extra: Partial<UserDoc>): UserDoc => ({ _id: openid, code, createdAt: now, updatedAt: now, ...extra });
  return [
    user('o_demo_resident', 'RES234', {}),
    user('o_demo_member', 'MEM234', { member: { branchId: branch._id, rosterId: 'roster-01', name: '李明', orgPath: branch.path } }),
    user('o_demo_deputy', 'DEP234', { deputy: { name: '陈建国', studioIds: ['studio-donghu'] } }),
    user('o_demo_deputy2', 'DEP235', { deputy: { name: '刘芳', studioIds: ['studio-donghu'] } }),
    user('o_demo_deputy3', 'DEP236', { deputy: { name: '孙海燕', studioIds: ['studio-xishan'] } }),
    user('o_demo_admin', 'ADM234', { admin: { name: '赵敏', orgIds: [donghu._id] } }),
    user('o_demo_district', 'ADM235', { admin: { name: '周强', orgIds: [district._id] } }),
  ];
}

export type { RosterDoc };

const NAMES = ['李明', '张伟', '王芳', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴霞', '徐涛', '孙燕', '胡军', '朱敏', '高峰', '林娜', '何平', '郭强', '马兰', '罗斌'];

/**
 * 政治生日 relative to the seed's day (the day `npm start` first runs), so a newcomer sees them at once: 李明 (bound: the
 * day's greeting reaches him) and 刘洋 (not bound: listed for staff to tell offline) joined on this day, 张伟 and 王芳
 * later this week. Leap years, so a seed on 29 February still makes real dates.
 */
const BIRTHDAYS: Record<string, { days: number; year: number }> = {
  'roster-01': { days: 0, year: 1996 },
  'roster-04': { days: 0, year: 2008 },
  'roster-02': { days: 2, year: 2004 },
  'roster-03': { days: 5, year: 2012 },
};

/** The month-days from the seed's day to a week later (28 February of a common year stands for 29 February too). */
function comingWeek(now: number): string[] {
  const days = Array.from({ length: 8 }, (_, n) => addDays(chinaDate(now), n).slice(5));
  return days.includes('02-28') ? [...days, '02-29'] : days;
}

/** 东湖社区第一党支部's 20 members (李明, roster-01, is bound to the demo member) and two in 西山. */
export function roster(now = 0): RosterDoc[] {
  const entry = (id: string, at: OrgNodeDoc, name: string, index: number): RosterDoc => {
    const birthday = BIRTHDAYS[id];
    const month = (index % 12) + 1;
    const day = ((index * 5) % 27) + 1;
    const spread = `${1975 + ((index * 7) % 45)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    // Everyone else's anniversary stays out of the seed's coming week (moved 8 days on), so the day's greeting goes to
    // 李明 and 刘洋 alone whatever day the seed runs: the newcomer's view, and the browser test, are the same every day.
    const others = birthday ? spread : comingWeek(now).includes(spread.slice(5)) ? addDays(spread, 8) : spread;
    const year = birthday ? birthday.year : Number(others.slice(0, 4));
    const monthDay = birthday ? addDays(chinaDate(now), birthday.days).slice(5) : others.slice(5);
    const phone = `1380000${String(1000 + index).padStart(4, '0')}`;
    const joinedAt = `${year}-${monthDay}`;
    const probation = index % 10 === 9;
    return {
      _id: id,
      branchId: at._id,
      orgPath: at.path,
      name,
      gender: index % 2 === 0 ? '男' : '女',
      phone,
      joinedAt,
      joinedMonthDay: monthDay,
      confirmedAt: probation ? '' : `${year + 1}-${monthDay === '02-29' ? '03-01' : monthDay}`,
      category: probation ? '预备' : '正式',
      status: '正常',
      tags: [['在职', '无职', '非公', '流动', '老弱病残'][index % 5]],
      key: rosterKey({ name, phone, branchId: at._id, joinedAt }),
      boundOpenid: id === 'roster-01' ? 'o_demo_member' : null,
      boundAt: id === 'roster-01' ? now : null,
      createdAt: now,
      updatedAt: now,
    };
  };
  return [
    ...NAMES.map((name, index) => entry(`roster-${String(index + 1).padStart(2, '0')}`, branch, name, index)),
    entry('roster-x1', xishanBranch, '钱进', 20),
    entry('roster-x2', xishanBranch, '冯雪', 21),
  ];
}

/**
 * Five published study articles of the 东湖街道 admin, addressed to 东湖社区第一党支部 (two 必读, three 选读; the last
 * one public, readable by residents too), each with its first version on record.
 */
export function articles(now: number): ArticleDoc[] {
  const day = DAY_MS;
  const items: Array<{ title: string; summary: string; body: string; tags: StudyTopic[]; required: boolean; public?: boolean }> = [
    {
      title: '学习贯彻党的二十届四中全会精神',
      summary: '全会审议通过了关于制定国民经济和社会发展第十五个五年规划的建议。',
      body: '<h2>全会主要精神</h2><p>全会审议通过了关于制定国民经济和社会发展第十五个五年规划的建议。</p><h3>支部学习安排</h3><ol><li>个人自学全会公报</li><li>支部集中学习并交流体会</li></ol><p>（演示内容）</p>',
      tags: ['理论学习'],
      required: true,
    },
    {
      title: '应知应会：党员的八项义务',
      summary: '认真学习马克思列宁主义、毛泽东思想、邓小平理论……',
      body: '<p>《中国共产党章程》第三条规定，党员必须履行下列义务：</p><ol><li>认真学习马克思列宁主义、毛泽东思想、邓小平理论……</li><li>贯彻执行党的基本路线和各项方针、政策……</li><li>坚持党和人民的利益高于一切……</li></ol><p>（演示内容，节选）</p>',
      tags: ['应知应会', '党章党规'],
      required: true,
    },
    {
      title: '基层党组织如何做好“接诉即办”',
      summary: '把群众的“小事”当作党组织的“大事”，做到件件有回音、事事有着落。',
      body: '<p>把群众的“小事”当作党组织的“大事”，做到件件有回音、事事有着落。</p><ul><li>及时受理</li><li>限时办结</li><li>回访评价</li></ul><p>（演示内容）</p>',
      tags: ['基层治理'],
      required: false,
    },
    {
      title: '廉洁过节提醒：中秋国庆“八不准”',
      summary: '不准违规收送礼品礼金，不准违规公款吃喝……',
      body: '<p><strong>不准</strong>违规收送礼品礼金，<strong>不准</strong>违规公款吃喝……</p><p>（演示内容）</p>',
      tags: ['廉洁教育'],
      required: false,
    },
    {
      title: '党代表工作室工作规范（试行）',
      summary: '党代表定期进驻工作室接待群众，收集意见建议并跟踪办理。',
      body: '<p>党代表定期进驻工作室接待群众，收集意见建议并跟踪办理。</p><p>（演示内容）</p>',
      tags: ['工作规范'],
      required: false,
      public: true,
    },
  ];
  return items.map((item, index) => {
    const audience = { public: item.public === true, orgIds: [branch._id], tags: [] };
    return {
      _id: `article-${index + 1}`,
      title: item.title,
      summary: item.summary,
      cover: null,
      // Through the same allow-list as staff-written bodies, so the seed renders as a saved article does.
      body: sanitizeBody(item.body),
      attachments: [],
      tags: item.tags,
      required: item.required,
      audience,
      targets: [...(audience.public ? ['public'] : []), `org:${branch._id}`],
      status: 'published',
      publishAt: now - index * day,
      version: 1,
      publishedVersion: 1,
      scopeOrgId: donghu._id,
      scopePath: donghu.path,
      pushJobId: null,
      // 应知应会：党员的八项义务 has its quiz.
      quizId: index === 1 ? 'quiz-1' : null,
      byOpenid: 'o_demo_admin',
      byName: '赵敏',
      createdAt: now - index * day,
      updatedAt: now - index * day,
    };
  });
}

/** The 应知应会 quiz of the 八项义务 article: five questions of each kind, three drawn per attempt, 60 to pass. */
export function quizQuestions(now: number): QuestionDoc[] {
  const q = (n: number, kind: QuestionDoc['kind'], stem: string, options: string[], answer: number[], explanation: string): QuestionDoc => ({
    _id: `question-${n}`,
    topic: '应知应会',
    kind,
    stem,
    options,
    answer,
    explanation,
    scopePath: donghu.path,
    createdAt: now,
  });
  return [
    q(1, 'single', '党章规定党员必须履行的义务共有几项？', ['六项', '八项', '十项', '十二项'], [1], '《中国共产党章程》第三条规定了党员的八项义务。'),
    q(2, 'judge', '党员必须坚持党和人民的利益高于一切。', JUDGE_OPTIONS, [0], '这是党章规定的党员义务之一。'),
    q(3, 'multiple', '下列哪些属于党员的义务？', ['认真学习马克思列宁主义', '贯彻执行党的基本路线', '自觉遵守党的纪律', '只对上级负责'], [0, 1, 2], '前三项都是党章规定的义务；党员要对党和人民负责。'),
    q(4, 'judge', '预备党员不需要履行党员义务。', JUDGE_OPTIONS, [1], '预备党员的义务同正式党员一样。'),
    q(5, 'single', '党员义务规定在党章的哪一条？', ['第一条', '第三条', '第五条', '第八条'], [1], '党员的八项义务在党章第三条。'),
  ];
}

export function quizzes(now: number): QuizDoc[] {
  return [{ _id: 'quiz-1', title: '应知应会：党员的八项义务', articleId: 'article-2', questionIds: quizQuestions(now).map((doc) => doc._id), draw: 3, passScore: 60, scopePath: donghu.path, createdAt: now }];
}

/** The first version of each seeded article (edits add more). */
export function articleVersions(now: number): ArticleVersionDoc[] {
  return articles(now).map(({ _id, audience, title, summary, cover, body, attachments, tags, required, byOpenid, byName, createdAt }) => ({
    _id: `${_id}:v1`,
    articleId: _id,
    version: 1,
    title,
    summary,
    cover,
    body,
    attachments,
    tags,
    required,
    audience,
    byOpenid,
    byName,
    at: createdAt,
  }));
}
