/**
 * The canned cloud: what `wx.cloud.callFunction` answers in check:weapp's page render, one reply per contract action.
 * Each reply is typed as that action's answer (OutputOf), so a contract change that pages must follow breaks this file
 * at typecheck instead of the render silently drawing stale data. A page that calls an action with no reply here fails
 * the check, naming the action: add it below.
 *
 * One world for every page: the caller is a resident who is also a member, a deputy of 东湖党代表工作室 and an admin of
 * 东湖街道, so the staff and deputy pages render their real content.
 */
import { CONTRACTS } from '../../src/shared/contracts';
import type { ActionContract, OutputOf, ParsedOf } from '../../src/shared/contract';
import type { CaseDetail, CaseListItem, FiguresAnswer } from '../../src/shared/contracts/case';
import type { StudioSummary } from '../../src/shared/contracts/studio';
import type { CaseCounts, CaseRates } from '../../src/shared/cases/views';
import type { ArticleCard, ArticleStaffCard, ArticleStaffView } from '../../src/shared/study';
import { DEFAULT_TEXTS, type FestivalReminderSetting, type PlannedReminderView } from '../../src/shared/care';
import type { FestivalKey } from '../../src/shared/calendar/festival-names';
import { DAY_MS } from '../../src/shared/calendar/dates';
import { birthdayMessageBody, DEFAULT_GREETING, oathLineFor, PARTY_OATH, renderGreeting, type BirthdayDelivery, type BirthdayMemberView } from '../../src/shared/birthday';

type Contracts = typeof CONTRACTS;
/** A reply: the answer, or a function of the (parsed) payload that returns it. */
type Reply<A> = OutputOf<A> | ((payload: ParsedOf<A>) => OutputOf<A>);
export type CannedReplies = { [F in keyof Contracts]: { [N in keyof Contracts[F]]?: Reply<Contracts[F][N]> } };

export const NOW = Date.UTC(2026, 10, 20, 2, 0, 0);
const DAY = DAY_MS;
export const STUDIO_ID = 'studio-donghu';
export const ORG_ID = 'org-donghu';
export const CASE_ID = 'case-check-1';

const studio: StudioSummary = {
  id: STUDIO_ID,
  name: '东湖党代表工作室',
  orgId: ORG_ID,
  address: '东湖街道社区服务中心二楼',
  location: { latitude: 30.55, longitude: 114.36 },
  hours: '周一至周五 9:00-17:00',
  contact: '027-87654321',
  distance: 850,
};

const studyCard: ArticleCard = {
  id: 'article-1',
  title: '学习贯彻党的二十届四中全会精神',
  summary: '全会审议通过了关于制定国民经济和社会发展第十五个五年规划的建议。',
  cover: null,
  tags: ['理论学习'],
  required: true,
  publishAt: NOW - DAY,
  read: false,
};

const studyStaffCard: ArticleStaffCard = {
  id: 'article-1',
  title: studyCard.title,
  status: 'published',
  required: true,
  publishAt: NOW - DAY,
  version: 2,
  audienceNames: ['东湖社区第一党支部'],
  public: false,
  scopeOrgId: ORG_ID,
  quizId: 'quiz-1',
  byName: '赵敏',
  updatedAt: NOW - DAY,
};

const studyStaffView: ArticleStaffView = {
  ...studyStaffCard,
  content: { title: studyCard.title, summary: studyCard.summary, cover: null, body: '<p>个人自学，集中交流。</p>', attachments: [], tags: ['理论学习'], required: true },
  preview: '<p>个人自学，集中交流。</p>',
  audience: { public: false, orgIds: ['org-donghu-b1'], tags: [] },
  versions: [
    { version: 2, at: NOW - DAY, byName: '赵敏', title: studyCard.title },
    { version: 1, at: NOW - 2 * DAY, byName: '赵敏', title: studyCard.title },
  ],
  pushJobId: 'job-check-1',
};

const listItem: CaseListItem = {
  id: CASE_ID,
  receiptNo: 'LS-2026-000001',
  source: 'online',
  studioId: STUDIO_ID,
  category: 'suggestion',
  title: '小区门口路灯不亮',
  state: 'assigned',
  stateLabel: '办理中',
  createdAt: NOW - 3 * DAY,
  updatedAt: NOW - DAY,
  deadline: '2026-12-08',
  overdue: false,
  supervised: false,
  handlerName: '王代表',
  followerCount: 2,
};

const counts: CaseCounts = {
  received: 12,
  assigned: 10,
  answered: 8,
  assignedAnswered: 8,
  onTime: 7,
  open: 4,
  overdueOpen: 1,
  answerBase: 10,
  rated: 5,
  satisfied: 4,
  satisfactionBase: 5,
  attitudeSum: 22,
};
const rates: CaseRates = { response: 0.83, answer: 0.8, onTime: 0.88, satisfaction: 0.8, attitudeAverage: 4.4 };

const figures = (payload: { from: string; to: string }): FiguresAnswer => ({
  scope: { kind: 'org', id: ORG_ID, name: '东湖街道' },
  from: payload.from,
  to: payload.to,
  counts,
  rates,
  aging: { days0to3: 2, days4to7: 1, days8to15: 1, over15: 0 },
  months: [{ month: '2026-11', counts, rates }],
  summaryLine: '收集意见征询表 12 份，批办答复 8 件',
});

// The reporter's own view of the case.
const caseView: CaseDetail['case'] = {
  as: 'resident',
  _id: CASE_ID,
  receiptNo: listItem.receiptNo,
  source: 'online',
  studioId: STUDIO_ID,
  category: 'suggestion',
  title: listItem.title,
  content: '晚上小区门口一片黑，老人出门不方便，希望尽快修好。',
  photos: [],
  state: 'assigned',
  stateLabel: '办理中',
  handler: { studioId: STUDIO_ID, deputyName: '王代表' },
  limitDays: 13,
  assignedAt: NOW - 2 * DAY,
  deadline: '2026-12-08',
  overdue: false,
  reopenCount: 0,
  createdAt: listItem.createdAt,
  updatedAt: listItem.updatedAt,
  version: 2,
  followerCount: 2,
  isReporter: true,
  isFollower: true,
  contactHidden: false,
  contactRevealed: false,
  events: [
    { _id: 'e1', type: 'submit', to: 'submitted', byRole: 'resident', mine: true, internal: false, at: listItem.createdAt },
    { _id: 'e2', type: 'assign', from: 'submitted', to: 'assigned', byRole: 'admin', byName: '街道管理员', mine: false, internal: false, at: NOW - 2 * DAY },
  ],
};

const outcome = (payload: { id: string }) => ({ id: payload.id, state: 'assigned' as const, stateLabel: '办理中', version: 3 });
const holder = { code: 'A1B2C3', name: '王代表', role: 'deputy' as const, scopeId: STUDIO_ID, scopeName: '东湖党代表工作室', self: false };

/** 廉政提醒 as the district sets them: our default texts, two days before each holiday period. */
const careFestivals = Object.fromEntries(
  Object.entries(DEFAULT_TEXTS).map(([key, value]) => [key, { enabled: true, daysBefore: 2, title: value.title, text: value.texts[0] }]),
) as Record<FestivalKey, FestivalReminderSetting>;
const carePlan: PlannedReminderView = {
  key: 'newYear:2027',
  festival: 'newYear',
  festivalName: '元旦',
  year: 2027,
  festivalDay: '2027-01-01',
  period: null,
  basis: 'festival_day',
  note: '2027 年放假安排尚未录入，暂按节日当天计算；录入后按放假第一天计算',
  sendDate: '2026-12-30',
  daysBefore: 2,
  title: '元旦廉洁提醒',
  text: DEFAULT_TEXTS.newYear.texts[0],
  enabled: true,
  jobId: null,
  percent: null,
};
const careYear = {
  year: 2026,
  source: 'statutory' as const,
  periods: [{ festival: 'national' as const, start: '2026-10-01', end: '2026-10-07' }],
  workdays: ['2026-09-20', '2026-10-10'],
  updatedAt: null,
  updatedBy: null,
  festivals: [
    { key: 'newYear' as const, name: '元旦', date: '2026-01-01', statutory: true },
    { key: 'national' as const, name: '国庆节', date: '2026-10-01', statutory: true },
  ],
};

const birthdayMember = (rosterId: string, name: string, date: string, delivery: BirthdayDelivery): BirthdayMemberView => ({
  rosterId,
  name,
  branchName: '东湖社区第一党支部',
  joinedAt: `1996${date.slice(4)}`,
  date,
  years: 30,
  status: '正常',
  delivery,
});

export const REPLIES: CannedReplies = {
  account: {
    me: {
      code: 'K7Q2M9',
      roles: ['resident', 'member', 'deputy', 'admin'],
      name: '李明',
      deputyStudios: [{ id: STUDIO_ID, name: studio.name }],
      adminScopes: [{ id: ORG_ID, name: '东湖街道', kind: 'street' }],
      member: { branchId: 'branch-1', branchName: '东湖社区第一党支部' },
    },
    orgTree: {
      nodes: [
        { id: 'org-district', name: '示范区', kind: 'district', parentId: null, path: ['org-district'] },
        { id: ORG_ID, name: '东湖街道', kind: 'street', parentId: 'org-district', path: ['org-district', ORG_ID] },
        { id: 'org-donghu-sq', name: '东湖社区', kind: 'community', parentId: ORG_ID, path: ['org-district', ORG_ID, 'org-donghu-sq'] },
      ],
      studios: [{ id: STUDIO_ID, name: studio.name, orgId: ORG_ID, orgPath: ['org-district', ORG_ID] }],
    },
    grantRole: { holder },
    revokeRole: { revoked: true },
    roleHolders: { holders: [holder, { ...holder, code: 'Z9Y8X7', name: '李明', role: 'admin', scopeId: ORG_ID, scopeName: '东湖街道', self: true }] },
    grantLog: {
      entries: [{ id: 'g1', op: 'grant', role: 'deputy', targetName: '王代表', scopeName: studio.name, byName: '李明', at: NOW - 5 * DAY }],
      hasMore: false,
    },
  },
  inbox: {
    list: {
      items: [
        { id: 'm1', kind: 'case', title: '您的意见已批办', body: '“小区门口路灯不亮”已交王代表办理', link: `/pages/case/index?id=${CASE_ID}`, createdAt: NOW - DAY, read: false },
      ],
      unread: 1,
      hasMore: false,
    },
    unreadCount: { unread: 1 },
    markRead: { unread: 0 },
    recordSubscription: { credits: {} },
  },
  system: {
    ping: { env: 'lianxin-local', serverTime: new Date(NOW).toISOString() },
    whoami: { openid: 'o-check', appid: 'wx-check', unionid: '' },
  },
  studio: {
    list: { studios: [studio] },
    get: {
      studio,
      servicePoints: [{ id: 'point-donghu-sq', studioId: STUDIO_ID, name: '东湖社区流动服务点', address: '东湖社区广场', schedule: '每周三上午' }],
      onDuty: { weekday: 5, names: ['王代表'] },
      deputyNames: ['王代表', '张代表'],
    },
    qr: {
      path: `pages/opinion-form/index?studio=${STUDIO_ID}`,
      h5Path: `#/pages/opinion-form/index?studio=${STUDIO_ID}`,
      title: studio.name,
      imageUrl: 'https://example.invalid/qr.png',
      fileID: 'cloud://lianxin-local/qrcodes/studio-donghu.png',
    },
  },
  case: {
    categories: {
      categories: [
        { key: 'suggestion', label: '建议', limitDays: 13 },
        { key: 'help', label: '求助', limitDays: 5 },
      ],
    },
    submit: { id: CASE_ID, receiptNo: 'LS-2026-000002' },
    paperIntake: { id: CASE_ID, receiptNo: 'LS-2026-000003', claimCode: '123456' },
    claim: { id: CASE_ID },
    photoPath: (payload) => ({ cloudPath: `uploads/check.${payload.ext}` }),
    similar: { cases: [] },
    join: { following: true },
    mine: { items: [listItem], hasMore: false },
    get: { case: caseView, actions: ['rate'], photoUrls: {} },
    contact: { contact: { name: '李**', phone: '138****0000' } },
    assign: outcome,
    refuse: outcome,
    start: outcome,
    reply: outcome,
    transfer: outcome,
    extend: outcome,
    rate: outcome,
    close: outcome,
    note: outcome,
    deputyInbox: { items: [listItem], hasMore: false },
    myRatings: { minCases: 5, months: [{ month: '2026-10', rated: 6, satisfaction: 0.83, attitudeAverage: 4.5 }] },
    adminList: { items: [{ ...listItem, state: 'submitted', stateLabel: '待批办', handlerName: undefined }], hasMore: false },
    figures,
    export: { url: 'https://example.invalid/ledger.xlsx', fileID: 'cloud://lianxin-local/ledger/check.xlsx', rows: 12 },
    heldList: {
      items: [{ id: CASE_ID, studioId: STUDIO_ID, studioName: '东湖党代表工作室', category: 'help', title: '群里有人发刷单返利骗老人', content: '业主群里有人发刷单返利的消息，已有老人被骗。', photoCount: 0, reason: '像是诈骗信息', state: 'held', createdAt: 1_763_600_000_000 }],
      hasMore: false,
    },
    heldRelease: { id: CASE_ID, receiptNo: 'LS-2026-000004' },
    heldReject: { id: CASE_ID, state: 'rejected' },
  },
  roster: {
    overview: {
      org: { id: ORG_ID, name: '东湖街道' },
      branches: [{ id: 'branch-1', name: '东湖社区第一党支部', pathNames: ['东湖街道', '东湖社区', '东湖社区第一党支部'], total: 20, active: 20, bound: 1 }],
      tags: ['在职', '无职', '非公', '流动', '老弱病残'],
    },
    list: {
      entries: [
        { id: 'roster-01', branchId: 'branch-1', branchName: '东湖社区第一党支部', name: '李明', gender: '男', phoneMasked: '138****1000', joinedAt: '1975-01-01', confirmedAt: '1976-01-01', category: '正式', status: '正常', tags: ['在职'], bound: true },
      ],
      hasMore: false,
    },
    bind: { branchId: 'branch-1', branchName: '东湖社区第一党支部', name: '李明' },
  },
  push: {
    jobs: {
      items: [
        {
          id: 'job-check-1',
          title: '主题党日活动通知',
          body: '本周六上午9点在社区党群服务中心开展主题党日活动。',
          status: 'running',
          sendAt: NOW - DAY,
          createdAt: NOW - DAY,
          byName: '李明',
          audienceNames: ['东湖社区第一党支部'],
          template: 'notice',
          counts: { recipients: 18, reached: 18, processed: 9, sent: 6, noCredit: 2, failed: 1, failedCodes: { '45009': 1 }, unknown: 0, unreachable: 2 },
          percent: 50,
        },
      ],
      hasMore: false,
    },
    unreachable: { members: [{ rosterId: 'roster-02', name: '王芳', branchName: '东湖社区第一党支部' }], total: 1 },
  },
  study: {
    list: { items: [studyCard], hasMore: false },
    get: { article: { ...studyCard, body: '<h2>支部学习安排</h2><p>个人自学，集中交流。</p>', attachments: [], memberOnly: true, version: 1, quizId: 'quiz-1' }, unavailable: null },
    mine: { items: [{ articleId: 'article-1', title: studyCard.title, at: NOW - DAY }], hasMore: false },
    staffList: { items: [studyStaffCard], hasMore: false },
    staffGet: { article: studyStaffView },
    save: { article: studyStaffView },
    publish: { article: studyStaffView },
    withdraw: { article: { ...studyStaffView, status: 'withdrawn' } },
    sessions: { items: [{ quizId: 'session-check-1', title: '十一月应知应会测试', opensAt: NOW - DAY, closesAt: NOW + DAY, open: true }] },
    sessionList: {
      items: [{ quizId: 'session-check-1', title: '十一月应知应会测试', opensAt: NOW - DAY, closesAt: NOW + DAY, open: true, branchNames: ['东湖社区第一党支部'], questions: 20 }],
    },
    ledger: { url: 'https://example.invalid/study-ledger.xlsx', fileID: 'cloud://lianxin-local/exports/study/ledger.xlsx', rows: 5 },
    quizStart: {
      attemptId: 'att-check-1',
      quizId: 'quiz-1',
      title: '应知应会：党员的八项义务',
      passScore: 60,
      questions: [
        { id: 'question-1', kind: 'single', stem: '党章规定党员必须履行的义务共有几项？', options: ['六项', '八项', '十项', '十二项'] },
        { id: 'question-2', kind: 'judge', stem: '党员必须坚持党和人民的利益高于一切。', options: ['正确', '错误'] },
      ],
    },
    quizSubmit: {
      score: 100,
      passed: true,
      passScore: 60,
      results: [{ id: 'question-1', kind: 'single', stem: '党章规定党员必须履行的义务共有几项？', options: ['六项', '八项', '十项', '十二项'], chosen: [1], answer: [1], correct: true, explanation: '党章第三条。' }],
    },
    quizMine: {
      passed: [{ quizId: 'quiz-1', title: '应知应会：党员的八项义务', score: 100, at: NOW - DAY }],
      wrong: [{ id: 'question-4', kind: 'judge', stem: '预备党员不需要履行党员义务。', options: ['正确', '错误'], answer: [1], explanation: '预备党员的义务同正式党员一样。' }],
    },
    quizFigures: {
      quizId: 'quiz-1',
      title: '应知应会：党员的八项义务',
      branches: [{ branchId: 'org-donghu-b1', branchName: '东湖社区第一党支部', targeted: 20, took: 2, participation: 10, averageScore: 83, passShare: 100 }],
      hardest: [{ questionId: 'question-3', stem: '下列哪些属于党员的义务？', wrongShare: 50, answered: 2 }],
    },
    figures: {
      articleId: 'article-1',
      title: studyCard.title,
      targeted: 20,
      reached: 12,
      read: 1,
      share: 5,
      branches: [{ branchId: 'org-donghu-b1', branchName: '东湖社区第一党支部', targeted: 20, reached: 12, read: 1, share: 5 }],
    },
  },  care: {
    calendar: { schedule: careYear, canEdit: false },
    saveSchedule: { schedule: careYear },
    notice: { notice: { year: 2027, message: '还没有录入 2027 年的放假安排。国务院办公厅公布后请及时录入，限时办结和节日廉政提醒都会用到' }, canEdit: false },
    settings: { festivals: careFestivals, audience: { deputies: false, staff: false }, canEdit: false },
    saveSettings: { festivals: careFestivals, audience: { deputies: false, staff: false }, canEdit: true },
    reminders: {
      today: '2026-11-20',
      festival: [carePlan],
      adhoc: [
        {
          id: 'job-care-1',
          date: '2026-12-01',
          title: '廉洁提醒',
          text: '年终岁末，请守住廉洁底线。',
          audienceNames: ['东湖社区第一党支部'],
          deputies: false,
          staff: false,
          byName: '李明',
          jobId: 'job-care-1',
          status: 'scheduled',
          percent: 0,
        },
      ],
    },
    preview: { reminder: carePlan },
    schedule: ({ date, title, text }) => ({
      reminder: { id: 'job-care-2', date, title, text, audienceNames: ['东湖街道'], deputies: false, staff: false, byName: '李明', jobId: 'job-care-2', status: 'scheduled', percent: 0 },
      created: true,
    }),
  },
  birthday: {
    list: {
      date: '2026-11-20',
      today: [birthdayMember('roster-01', '李明', '2026-11-20', 'reached'), birthdayMember('roster-04', '刘洋', '2026-11-20', 'unreachable')],
      week: [birthdayMember('roster-02', '张伟', '2026-11-22', 'unreachable')],
      month: [
        birthdayMember('roster-01', '李明', '2026-11-20', 'reached'),
        birthdayMember('roster-04', '刘洋', '2026-11-20', 'unreachable'),
        birthdayMember('roster-02', '张伟', '2026-11-22', 'unreachable'),
      ],
      monthTotal: 3,
    },
    greeting: { orgId: 'org-donghu-sq', orgName: '东湖社区', template: DEFAULT_GREETING, isDefault: true, updatedBy: null, updatedAt: null },
    saveGreeting: ({ orgId, template }) => ({ orgId, orgName: '东湖社区', template, isDefault: false, updatedBy: '李明', updatedAt: NOW }),
    preview: ({ template }) => ({
      member: { rosterId: 'roster-01', name: '李明', branchName: '东湖社区第一党支部', joinedAt: '1996-11-20', years: 30, date: '2026-11-20' },
      body: birthdayMessageBody({ name: '李明', years: 30, joinedAt: '1996-11-20', branch: '东湖社区第一党支部' }, template),
    }),
    card: {
      card: {
        name: '李明',
        branchName: '东湖社区第一党支部',
        joinedAt: '1996-11-20',
        joinDateText: '1996年11月20日',
        years: 30,
        date: '2026-11-20',
        oath: PARTY_OATH,
        oathLine: oathLineFor(30),
        greeting: renderGreeting(DEFAULT_GREETING, { name: '李明', years: 30, joinedAt: '1996-11-20', branch: '东湖社区第一党支部' }),
        own: true,
      },
    },
  },
};

/** The contract of `<fn>.<action>`, or null when no such action exists. */
export function contractOf(fn: string, action: string): ActionContract | null {
  const actions = (CONTRACTS as Record<string, Record<string, ActionContract> | undefined>)[fn];
  return actions?.[action] ?? null;
}

/** The canned answer to a call, or undefined when this file has none for it. */
export function cannedReply(fn: string, action: string, payload: unknown): unknown {
  const replies = (REPLIES as Record<string, Record<string, unknown> | undefined>)[fn];
  const reply = replies?.[action];
  return typeof reply === 'function' ? (reply as (input: unknown) => unknown)(payload) : reply;
}
