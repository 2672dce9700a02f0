/**
 * The role matrix: every action that exists × every role (and, for admins, a target inside vs outside their scope)
 * → allowed or AUTH.FORBIDDEN. The expectations are written out here by hand, so a contract whose roles drift from
 * this table fails too; an action missing from the table fails the first test.
 */
import type { ActionContract, Role } from '../../src/shared/contract';
import { CONTRACTS, account, cases as caseActions, push, roster, studyQuiz, studyStaff } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import { startAppCloud, type AppCloud } from '../support/app';
import { chinaDate } from '../../src/shared/calendar';
import { DEFAULT_TEXTS } from '../../src/shared/care';
import { DEFAULT_GREETING } from '../../src/shared/birthday';

type Who = 'resident' | 'member' | 'deputy' | 'admin_inside' | 'admin_outside';

const OPENID: Record<Exclude<Who, 'admin_outside'>, string> = {
  resident: 'o_demo_resident',
  member: 'o_demo_member',
  deputy: 'o_demo_deputy',
  admin_inside: 'o_demo_admin',
};

interface Row {
  allowed: Role[];
  /**
   * Payload whose target lies inside 东湖街道 (the demo street admin's scope). `who` picks the caller's own case where
   * every allowed role changes a case's state (one rating, one start... per case), from the fixtures made in beforeAll.
   */
  inside: (target: string, who: Who) => Record<string, unknown>;
  /** For scoped actions: the same action aimed at 西山镇, outside that scope. */
  outside?: (target: string) => Record<string, unknown>;
  /** Only the district's own admins (root of the org tree) may call it: the street admin is refused even inside. */
  districtOnly?: true;
}

const EVERYONE: Role[] = ['resident', 'member', 'deputy', 'admin'];
const none = (): Record<string, unknown> => ({});
const STAFF: Role[] = ['deputy', 'admin'];
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
/** 节假日安排 and 廉政提醒 settings payloads (district-wide, edited by the district admin only). */
const CARE_SCHEDULE = { year: 2027, periods: [{ festival: 'spring', start: '2027-02-04', end: '2027-02-11' }], workdays: ['2027-02-13'] };
const CARE_SETTING = { enabled: true, daysBefore: 2, title: DEFAULT_TEXTS.spring.title, text: DEFAULT_TEXTS.spring.texts[0] };
const CARE_SETTINGS = {
  festivals: Object.fromEntries(Object.entries(DEFAULT_TEXTS).map(([key, value]) => [key, { ...CARE_SETTING, title: value.title, text: value.texts[0] }])),
  audience: { deputies: false, staff: false },
};
const careAdhoc = (requestId: string, orgId: string) => ({ requestId, orgId, date: chinaDate(Date.now() + 30 * 86_400_000), title: '廉洁提醒', text: '请守住廉洁底线。' });

const FORM = {
  requestId: 'matrix-request-0001',
  studioId: 'studio-donghu',
  category: 'help',
  title: '路灯不亮',
  content: '楼下路灯坏了',
  contact: { name: '王阿姨', phone: '13812345678' },
  contactVisibleToDeputy: true,
};

/** Cases the per-case rows act on: shared where a step leaves the state as it was, one per role where it changes it. */
interface CaseFixtures {
  /** Someone else's open 东湖 case: noted, its contact read. */
  open: string;
  /** Someone else's open 东湖 case that 我也遇到 offered to every caller (join needs the offer). */
  offered: string;
  /** A case outside 东湖街道 (西山镇): every scoped step on it is refused to the 东湖 admin. */
  xishan: string;
  toAssign: string;
  toRefuse: string;
  toExtend: string;
  toClose: string;
  /** Each caller's own submitted case (get), unclaimed paper receipts (claim), assigned (start, reply, transfer) and replied (rate) cases. */
  own: Partial<Record<Who, string>>;
  paper: Partial<Record<Who, string>>;
  toStart: Partial<Record<Who, string>>;
  toReply: Partial<Record<Who, string>>;
  toTransfer: Partial<Record<Who, string>>;
  toRate: Partial<Record<Who, string>>;
  /** Forms held for review (WeChat's check answered 'review'): one to release, one to reject, one in 西山镇. */
  heldRelease: string;
  heldReject: string;
  heldXishan: string;
}
let F: CaseFixtures;

/** Roster fixtures: an upload and a pending import of the 东湖 admin, and a 西山镇 import made by the district admin. */
interface RosterFixtures {
  fileID: string;
  importId: string;
  xishanImportId: string;
}
let R: RosterFixtures;

/** Push fixtures: a notice of the 东湖 admin still sending (WeChat messages), and one the district admin sent to 西山镇. */
let P: { donghu: string; xishan: string };

async function preparePush(cloud: AppCloud): Promise<{ donghu: string; xishan: string }> {
  const notice = { title: '矩阵通知', body: '矩阵通知内容', subscribe: true };
  const donghu = await cloud.call(push.publish, { requestId: 'matrix-push-0001', orgId: 'org-donghu', ...notice }, OPENID.admin_inside);
  const xishan = await cloud.call(push.publish, { requestId: 'matrix-push-0002', orgId: 'org-xishan', ...notice }, 'o_demo_district');
  return { donghu: donghu.job.id, xishan: xishan.job.id };
}

/**
 * Study fixtures: a draft of the 东湖 admin (to publish) and one the district admin wrote for 西山镇; a quiz on the public
 * seeded article (anyone may take it) with one attempt per caller, and a quiz of 西山镇.
 */
let S: { donghu: string; xishan: string; xishanQuiz: string; attempts: Partial<Record<Who, string>>; questionTable: string };

const ARTICLE = { title: '矩阵文章', body: '<p>矩阵文章正文</p>', required: true };

async function prepareStudy(cloud: AppCloud): Promise<typeof S> {
  const donghu = await cloud.call(studyStaff.save, { requestId: 'matrix-study-0001', orgId: 'org-donghu', ...ARTICLE, audience: { public: false, orgIds: ['org-donghu-b1'], tags: [] } }, OPENID.admin_inside);
  const xishan = await cloud.call(studyStaff.save, { requestId: 'matrix-study-0002', orgId: 'org-xishan', ...ARTICLE, audience: { public: false, orgIds: ['org-xishan-b1'], tags: [] } }, 'o_demo_district');
  const quiz = { title: '矩阵测试', questionIds: ['question-1', 'question-2'], draw: 2, passScore: 60, createdAt: 1 };
  await database().collection('quizzes').add({ _id: 'matrix-quiz', articleId: 'article-5', scopePath: ['org-district', 'org-donghu'], ...quiz });
  await database().collection('quizzes').add({ _id: 'matrix-quiz-xishan', articleId: xishan.article.id, scopePath: ['org-district', 'org-xishan'], ...quiz });
  const attempts: Partial<Record<Who, string>> = {};
  for (const who of ['resident', 'member', 'deputy', 'admin_inside'] as const) attempts[who] = (await cloud.call(studyQuiz.quizStart, { quizId: 'matrix-quiz' }, OPENID[who])).attemptId;
  const { cloudPath } = await cloud.call(roster.uploadPath, { ext: 'csv' }, OPENID.admin_inside);
  const questionTable = await cloud.stack.emulator.storage.put(cloudPath, Buffer.from('题型,题目,答案\r\n判断,矩阵判断题,正确\r\n'), OPENID.admin_inside);
  return { donghu: donghu.article.id, xishan: xishan.article.id, xishanQuiz: 'matrix-quiz-xishan', attempts, questionTable };
}

const MATRIX: Record<string, Row> = {
  'study.list': { allowed: EVERYONE, inside: none },
  // Someone outside the article's audience gets an explanation, not a refusal.
  'study.get': { allowed: EVERYONE, inside: () => ({ id: 'article-1' }) },
  'study.mine': { allowed: EVERYONE, inside: none },
  'study.staffList': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'study.staffGet': { allowed: ['admin'], inside: () => ({ id: 'article-1' }), outside: () => ({ id: S.xishan }) },
  'study.save': {
    allowed: ['admin'],
    inside: () => ({ requestId: 'matrix-study-0003', orgId: 'org-donghu', ...ARTICLE, audience: { public: false, orgIds: ['org-donghu-b1'], tags: [] } }),
    outside: () => ({ requestId: 'matrix-study-0004', orgId: 'org-xishan', ...ARTICLE, audience: { public: false, orgIds: ['org-xishan-b1'], tags: [] } }),
  },
  'study.publish': { allowed: ['admin'], inside: () => ({ id: S.donghu }), outside: () => ({ id: S.xishan }) },
  'study.withdraw': { allowed: ['admin'], inside: () => ({ id: 'article-4' }), outside: () => ({ id: S.xishan }) },
  'study.figures': { allowed: ['admin'], inside: () => ({ id: 'article-1' }), outside: () => ({ id: S.xishan }) },
  'study.filePath': { allowed: ['admin'], inside: () => ({ ext: 'pdf' }) },
  'study.quizImport': { allowed: ['admin'], inside: () => ({ fileID: S.questionTable }) },
  'study.sessions': { allowed: EVERYONE, inside: none },
  'study.sessionList': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'study.sessionSave': {
    allowed: ['admin'],
    inside: () => ({ requestId: 'matrix-session-0001', orgId: 'org-donghu', title: '矩阵场次', branchIds: ['org-donghu-b1'], opensAt: 0, closesAt: 1, draw: 1, passScore: 60, questions: [{ kind: 'judge', stem: '矩阵判断题', options: ['正确', '错误'], answer: [0] }] }),
    outside: () => ({ requestId: 'matrix-session-0002', orgId: 'org-xishan', title: '矩阵场次', branchIds: ['org-xishan-b1'], opensAt: 0, closesAt: 1, draw: 1, passScore: 60, questions: [{ kind: 'judge', stem: '矩阵判断题', options: ['正确', '错误'], answer: [0] }] }),
  },
  'study.quizSave': {
    allowed: ['admin'],
    inside: () => ({ articleId: S.donghu, draw: 1, passScore: 60, questions: [{ kind: 'judge', stem: '矩阵判断题', options: ['正确', '错误'], answer: [0] }] }),
    outside: () => ({ articleId: S.xishan, draw: 1, passScore: 60, questions: [{ kind: 'judge', stem: '矩阵判断题', options: ['正确', '错误'], answer: [0] }] }),
  },
  'study.ledger': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu', ...YEAR }), outside: () => ({ orgId: 'org-xishan', ...YEAR }) },
  // Everyone may take a quiz on an article they may read (here the public one); each submits their own attempt.
  'study.quizStart': { allowed: EVERYONE, inside: () => ({ quizId: 'matrix-quiz' }) },
  'study.quizSubmit': { allowed: EVERYONE, inside: (_code, who) => ({ attemptId: S.attempts[who] ?? '', answers: {} }) },
  'study.quizMine': { allowed: EVERYONE, inside: none },
  'study.quizFigures': { allowed: ['admin'], inside: () => ({ quizId: 'quiz-1' }), outside: () => ({ quizId: S.xishanQuiz }) },
  'roster.uploadPath': { allowed: ['admin'], inside: () => ({ ext: 'csv' }) },
  'roster.overview': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'roster.list': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu-b1' }), outside: () => ({ orgId: 'org-xishan' }) },
  // Seeded 吴霞 (roster-10) saved as she is; 钱进 (roster-x1) lives in 西山镇.
  'roster.save': {
    allowed: ['admin'],
    inside: () => ({ id: 'roster-10', branchId: 'org-donghu-b1', name: '吴霞', joinedAt: '1993-10-19', category: '预备' }),
    outside: () => ({ id: 'roster-x1', branchId: 'org-xishan-b1', name: '钱进', joinedAt: '2015-09-06', category: '正式' }),
  },
  'roster.setTags': {
    allowed: ['admin'],
    inside: () => ({ orgId: 'org-donghu', tags: ['在职', '无职', '非公', '流动', '老弱病残'] }),
    outside: () => ({ orgId: 'org-xishan', tags: ['在职'] }),
  },
  'roster.importPreview': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu', fileID: R.fileID }), outside: () => ({ orgId: 'org-xishan', fileID: R.fileID }) },
  'roster.importConfirm': { allowed: ['admin'], inside: () => ({ importId: R.importId }), outside: () => ({ importId: R.xishanImportId }) },
  'roster.export': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu-b1' }), outside: () => ({ orgId: 'org-xishan' }) },
  'roster.invite': { allowed: ['admin'], inside: () => ({ id: 'roster-15' }), outside: () => ({ id: 'roster-x1' }) },
  'roster.unbind': { allowed: ['admin'], inside: () => ({ id: 'roster-14' }), outside: () => ({ id: 'roster-x2' }) },
  // Each caller binds a seeded member by name + phone tail; the demo member repeats their own binding.
  'roster.bind': { allowed: EVERYONE, inside: (_code, who) => ROSTER_BIND[who] ?? {} },
  'push.publish': {
    allowed: ['admin'],
    inside: () => ({ requestId: 'matrix-push-0003', orgId: 'org-donghu', branchIds: ['org-donghu-b1'], title: '支部通知', body: '支部通知内容' }),
    outside: () => ({ requestId: 'matrix-push-0004', orgId: 'org-xishan', title: '越权通知', body: '越权通知内容' }),
  },
  'push.jobs': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'push.steer': { allowed: ['admin'], inside: () => ({ id: P.donghu, action: 'pause' }), outside: () => ({ id: P.xishan, action: 'pause' }) },
  'push.unreachable': { allowed: ['admin'], inside: () => ({ id: P.donghu }), outside: () => ({ id: P.xishan }) },
  'care.calendar': { allowed: ['admin'], inside: () => ({ year: 2027 }) },
  'care.saveSchedule': { allowed: ['admin'], districtOnly: true, inside: () => CARE_SCHEDULE, outside: () => CARE_SCHEDULE },
  'care.notice': { allowed: ['admin'], inside: none },
  'care.settings': { allowed: ['admin'], inside: none },
  'care.saveSettings': { allowed: ['admin'], districtOnly: true, inside: () => CARE_SETTINGS, outside: () => CARE_SETTINGS },
  'care.reminders': { allowed: ['admin'], inside: none },
  'care.preview': { allowed: ['admin'], inside: () => ({ festival: 'spring', setting: CARE_SETTING }) },
  'care.schedule': {
    allowed: ['admin'],
    inside: (_code, who) => careAdhoc(`matrix-care-${who}`, 'org-donghu'),
    outside: () => careAdhoc('matrix-care-outside', 'org-xishan'),
  },
  'birthday.list': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'birthday.greeting': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu-sq' }), outside: () => ({ orgId: 'org-xishan-sq' }) },
  'birthday.saveGreeting': {
    allowed: ['admin'],
    inside: () => ({ orgId: 'org-donghu-sq', template: DEFAULT_GREETING }),
    outside: () => ({ orgId: 'org-xishan-sq', template: DEFAULT_GREETING }),
  },
  'birthday.preview': {
    allowed: ['admin'],
    inside: () => ({ orgId: 'org-donghu-sq', template: DEFAULT_GREETING }),
    outside: () => ({ orgId: 'org-xishan-sq', template: DEFAULT_GREETING }),
  },
  // 李明 (roster-01) is the demo member: his own card; the street admin's scope holds it, not 钱进's in 西山.
  'birthday.card': { allowed: ['member', 'admin'], inside: () => ({ id: 'roster-01' }), outside: () => ({ id: 'roster-x1' }) },
  'system.ping': { allowed: EVERYONE, inside: none },
  'system.whoami': { allowed: EVERYONE, inside: none },
  'account.me': { allowed: EVERYONE, inside: none },
  'account.orgTree': { allowed: EVERYONE, inside: none },
  'account.grantRole': {
    allowed: ['admin'],
    inside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-donghu', name: '测试代表' }),
    outside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-xishan', name: '测试代表' }),
  },
  'account.revokeRole': {
    allowed: ['admin'],
    inside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-donghu' }),
    outside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-xishan' }),
  },
  'account.roleHolders': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'account.grantLog': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'inbox.list': { allowed: EVERYONE, inside: none },
  'inbox.unreadCount': { allowed: EVERYONE, inside: none },
  'inbox.markRead': { allowed: EVERYONE, inside: () => ({ all: true }) },
  'inbox.recordSubscription': { allowed: EVERYONE, inside: () => ({ accepted: ['tmpl-case-progress'] }) },
  'studio.list': { allowed: EVERYONE, inside: () => ({ latitude: 30.55, longitude: 114.37 }) },
  'studio.get': { allowed: EVERYONE, inside: () => ({ id: 'studio-donghu' }) },
  'studio.qr': { allowed: EVERYONE, inside: () => ({ servicePointId: 'point-donghu-sq' }) },
  'case.categories': { allowed: EVERYONE, inside: none },
  'case.submit': { allowed: EVERYONE, inside: () => FORM },
  'case.paperIntake': { allowed: STAFF, inside: () => FORM, outside: () => ({ ...FORM, studioId: 'studio-xishan' }) },
  // FORM's phone ends in 5678: its last 4 digits are the second factor.
  'case.claim': { allowed: EVERYONE, inside: (_code, who) => ({ receiptNo: F.paper[who], code: '5678' }) },
  'case.photoPath': { allowed: EVERYONE, inside: () => ({ ext: 'jpg' }) },
  'case.similar': { allowed: EVERYONE, inside: () => ({ studioId: 'studio-donghu', category: 'help', title: '路灯不亮' }) },
  'case.join': { allowed: EVERYONE, inside: () => ({ caseId: F.offered }) },
  'case.mine': { allowed: EVERYONE, inside: none },
  'case.get': { allowed: EVERYONE, inside: (_code, who) => ({ id: F.own[who] }) },
  'case.contact': { allowed: STAFF, inside: () => ({ id: F.open }), outside: () => ({ id: F.xishan }) },
  'case.assign': {
    allowed: ['admin'],
    inside: () => ({ id: F.toAssign, deputyOpenid: 'o_demo_deputy' }),
    outside: () => ({ id: F.xishan, deputyOpenid: 'o_demo_deputy3' }),
  },
  'case.refuse': { allowed: ['admin'], inside: () => ({ id: F.toRefuse, reason: '不属于受理范围' }), outside: () => ({ id: F.xishan, reason: '不属于受理范围' }) },
  'case.start': { allowed: STAFF, inside: (_code, who) => ({ id: F.toStart[who] }), outside: () => ({ id: F.xishan }) },
  'case.reply': { allowed: STAFF, inside: (_code, who) => ({ id: F.toReply[who], text: '已处理' }), outside: () => ({ id: F.xishan, text: '已处理' }) },
  'case.transfer': {
    allowed: STAFF,
    inside: (_code, who) => ({ id: F.toTransfer[who], deputyOpenid: 'o_demo_deputy2', reason: '刘芳代表更熟悉情况' }),
    outside: () => ({ id: F.xishan, studioId: 'studio-donghu', reason: '转回东湖' }),
  },
  'case.extend': { allowed: ['deputy'], inside: () => ({ id: F.toExtend, reason: '需要协调供电公司', days: 1 }) },
  'case.rate': { allowed: EVERYONE, inside: (_code, who) => ({ id: F.toRate[who], attitude: 5, solved: 'yes' }) },
  'case.close': { allowed: ['admin'], inside: () => ({ id: F.toClose }), outside: () => ({ id: F.xishan }) },
  'case.note': { allowed: STAFF, inside: () => ({ id: F.open, text: '内部备注' }), outside: () => ({ id: F.xishan, text: '内部备注' }) },
  'case.deputyInbox': { allowed: ['deputy'], inside: none },
  'case.myRatings': { allowed: ['deputy'], inside: none },
  'case.adminList': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'case.figures': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu', ...YEAR }), outside: () => ({ orgId: 'org-xishan', ...YEAR }) },
  'case.export': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu', ...YEAR }), outside: () => ({ orgId: 'org-xishan', ...YEAR }) },
  'case.heldList': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'case.heldRelease': { allowed: ['admin'], inside: () => ({ id: F.heldRelease }), outside: () => ({ id: F.heldXishan }) },
  'case.heldReject': { allowed: ['admin'], inside: () => ({ id: F.heldReject, reason: '与社区事务无关' }), outside: () => ({ id: F.heldXishan, reason: '与社区事务无关' }) },
};

const ROSTER_BIND: Partial<Record<Who, Record<string, unknown>>> = {
  resident: { name: '徐涛', phoneTail: '1010' },
  member: { name: '李明', phoneTail: '1000' },
  deputy: { name: '孙燕', phoneTail: '1011' },
  admin_inside: { name: '胡军', phoneTail: '1012' },
};

/** Uploads a one-row roster table as the 东湖 admin and as the district admin (previewed into 西山镇). */
async function prepareRoster(cloud: AppCloud): Promise<RosterFixtures> {
  const put = async (openid: string, name: string): Promise<string> => {
    const { cloudPath } = await cloud.call(roster.uploadPath, { ext: 'csv' }, openid);
    return cloud.stack.emulator.storage.put(cloudPath, Buffer.from(`姓名,入党日期,所在支部\r\n${name},2001-07-01,东湖社区第一党支部\r\n`), openid);
  };
  const fileID = await put(OPENID.admin_inside, '矩阵甲');
  const { importId } = await cloud.call(roster.importPreview, { orgId: 'org-donghu', fileID }, OPENID.admin_inside);
  const xishan = await cloud.call(roster.importPreview, { orgId: 'org-xishan', fileID: await put('o_demo_district', '矩阵乙') }, 'o_demo_district');
  return { fileID, importId, xishanImportId: xishan.importId };
}

/** Makes the case fixtures through the functions, as residents, deputies and the street admin would. */
async function prepareCases(cloud: AppCloud): Promise<CaseFixtures> {
  let n = 0;
  // A reporter per case unless the caller's own: nobody reaches the hourly submit limit.
  const submit = async (openid?: string, studioId = 'studio-donghu'): Promise<string> => {
    n += 1;
    return (await cloud.call(caseActions.submit, { ...FORM, studioId, requestId: `matrix-fixture-${n}` }, openid ?? `o_matrix_reporter_${n}`)).id;
  };
  const assign = async (id: string, deputyOpenid = 'o_demo_deputy'): Promise<string> => {
    await cloud.call(caseActions.assign, { id, deputyOpenid }, OPENID.admin_inside);
    return id;
  };
  const roles: Array<Exclude<Who, 'admin_outside'>> = ['resident', 'member', 'deputy', 'admin_inside'];
  const perRole = async (make: (who: Exclude<Who, 'admin_outside'>) => Promise<string>) => {
    const made: Partial<Record<Who, string>> = {};
    for (const who of roles) made[who] = await make(who);
    return made;
  };
  const replied = async (openid: string): Promise<string> => {
    const id = await assign(await submit(openid), 'o_demo_deputy2');
    await cloud.call(caseActions.reply, { id, text: '已处理' }, 'o_demo_deputy2');
    return id;
  };
  // A report about a 刷单返利 scam: WeChat's check answers 'review', so the form waits for staff.
  const held = async (studioId = 'studio-donghu'): Promise<string> => {
    n += 1;
    const form = { ...FORM, studioId, requestId: `matrix-held-${n}`, content: '有人在小区群里发刷单返利的消息，已有老人被骗' };
    return (await cloud.call(caseActions.submit, form, `o_matrix_reporter_${n}`)).id;
  };
  const offer = { studioId: 'studio-donghu', category: 'help', title: '东湖公园长椅损坏', content: '东湖公园的长椅断了一条腿' };
  const offered = (await cloud.call(caseActions.submit, { ...FORM, ...offer, requestId: 'matrix-offered-1' }, 'o_matrix_offered')).id;
  for (const who of roles) await cloud.call(caseActions.similar, offer, OPENID[who]);
  const toClose = await replied('o_matrix_rater');
  await cloud.call(caseActions.rate, { id: toClose, attitude: 4, solved: 'yes' }, 'o_matrix_rater');
  return {
    open: await submit(),
    offered,
    xishan: await submit(undefined, 'studio-xishan'),
    toAssign: await submit(),
    toRefuse: await submit(),
    toExtend: await assign(await submit()),
    toClose,
    own: await perRole((who) => submit(OPENID[who])),
    paper: await perRole(async () => (await cloud.call(caseActions.paperIntake, { ...FORM, requestId: `matrix-paper-${(n += 1)}` }, OPENID.deputy)).receiptNo),
    toStart: await perRole(async () => assign(await submit())),
    toReply: await perRole(async () => assign(await submit())),
    toTransfer: await perRole(async () => assign(await submit())),
    toRate: await perRole((who) => replied(OPENID[who])),
    heldRelease: await held(),
    heldReject: await held(),
    heldXishan: await held('studio-xishan'),
  };
}

const ACTIONS: ActionContract[] = Object.values(CONTRACTS).flatMap((fn) => Object.values(fn) as ActionContract[]);
const key = (contract: ActionContract): string => `${contract.fn}.${contract.name}`;

let app: AppCloud;
let targetCode: string;
beforeAll(async () => {
  app = await startAppCloud();
  targetCode = (await app.call(account.me, {}, 'o_matrix_target')).code;
  F = await prepareCases(app);
  R = await prepareRoster(app);
  P = await preparePush(app);
  S = await prepareStudy(app);
});
afterAll(() => app.close());

test('every action that exists has a row in the matrix, and its contract declares the same roles', () => {
  expect(ACTIONS.map(key).sort()).toEqual(Object.keys(MATRIX).sort());
  for (const contract of ACTIONS) {
    expect({ action: key(contract), roles: [...contract.roles].sort() }).toEqual({
      action: key(contract),
      roles: MATRIX[key(contract)].allowed.includes('resident') ? ['resident'] : [...MATRIX[key(contract)].allowed].sort(),
    });
    expect({ action: key(contract), scoped: Boolean(contract.scoped) }).toEqual({ action: key(contract), scoped: Boolean(MATRIX[key(contract)].outside) });
  }
});

const cases: Array<[string, Who]> = ACTIONS.flatMap((contract) => {
  const whos: Who[] = ['resident', 'member', 'deputy', 'admin_inside'];
  if (MATRIX[key(contract)].outside) whos.push('admin_outside');
  return whos.map((who) => [key(contract), who] as [string, Who]);
});

test.each(cases)('%s as %s', async (name, who) => {
  const contract = ACTIONS.find((candidate) => key(candidate) === name) as ActionContract;
  const row = MATRIX[name];
  const payload = who === 'admin_outside' && row.outside ? row.outside(targetCode) : row.inside(targetCode, who);
  const openid = who === 'admin_outside' ? OPENID.admin_inside : OPENID[who];
  const role: Role = who.startsWith('admin') ? 'admin' : (who as Role);
  const reply = await app.invoke(contract, payload, openid);
  const forbidden = !reply.ok && reply.error.code === 'AUTH.FORBIDDEN';
  const expectedForbidden = !row.allowed.includes(role) || who === 'admin_outside' || (row.districtOnly === true && role === 'admin');
  // Allowed calls must succeed outright with these payloads: no INPUT.INVALID or NOT_FOUND hiding a refusal.
  expect({ name, who, forbidden, ok: reply.ok }).toEqual({ name, who, forbidden: expectedForbidden, ok: !expectedForbidden });
});

test.each(Object.keys(MATRIX).filter((name) => MATRIX[name].districtOnly))('%s as the district admin', async (name) => {
  const contract = ACTIONS.find((candidate) => key(candidate) === name) as ActionContract;
  const reply = await app.invoke(contract, MATRIX[name].inside(targetCode, 'admin_inside'), 'o_demo_district');
  expect({ name, ok: reply.ok }).toEqual({ name, ok: true });
});

describe('forged identity fields in payloads', () => {
  const FORGED = { openid: 'o_demo_district', OPENID: 'o_demo_district', _openid: 'o_demo_district', userId: 'o_demo_district', role: 'admin', roles: ['admin'] };

  test('account.me answers for the WeChat caller, not for the openid in the payload', async () => {
    const honest = await app.call(account.me, {}, 'o_demo_resident');
    expect(await app.call(account.me, FORGED, 'o_demo_resident')).toEqual(honest);
  });

  test.each(ACTIONS.filter((contract) => !MATRIX[key(contract)].allowed.includes('resident')).map(key))(
    '%s stays forbidden to a resident who claims to be an admin',
    async (name) => {
      const contract = ACTIONS.find((candidate) => key(candidate) === name) as ActionContract;
      const reply = await app.invoke(contract, { ...MATRIX[name].inside(targetCode, 'resident'), ...FORGED }, 'o_demo_resident');
      expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    },
  );
});
