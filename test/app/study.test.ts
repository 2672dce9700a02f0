/**
 * 学习 on the local cloud: the demo branch's member finds the seeded articles (必读 first, unread marked), a first open
 * records one receipt however many opens race, a member of another branch neither lists a member-only article nor opens
 * it by id (a polite explanation instead), staff write, preview, publish (through the push engine: the member sees it in
 * 消息中心 too), edit with versions and an audit trail, and withdraw — and no staff-facing answer ever names a reader,
 * ranks people or reports reading time.
 */
import { cases, inbox, roster, study, studyQuiz, studyStaff } from '../../src/shared/contracts';
import ExcelJS from 'exceljs';
import { database } from '../../cloud/src/infra/database';
import { startAppCloud, type AppCloud } from '../support/app';

const ADMIN = 'o_demo_admin';
const LI_MING = 'o_demo_member';
const RESIDENT = 'o_demo_resident';
const XISHAN_MEMBER = 'o_study_x1';
const XISHAN_ADMIN = 'o_study_xadmin';
const BRANCH = 'org-donghu-b1';
/** Members of the demo branch bound here to read (roster-02, roster-03). */
const READERS = ['o_study_m2', 'o_study_m3'];

let app: AppCloud;
let requests = 0;

beforeAll(async () => {
  app = await startAppCloud();
  const db = database();
  const bind = async (openid: string, rosterId: string, branchId: string, orgPath: string[]): Promise<void> => {
    await db.collection('roster').doc(rosterId).update({ boundOpenid: openid, boundAt: 1 });
    await db.collection('users').add({ _id: openid, code: openid.slice(-6).toUpperCase(), createdAt: 1, updatedAt: 1, member: { branchId, rosterId, name: `党员${openid.slice(-2)}`, orgPath } });
  };
  const path = ['org-district', 'org-donghu', 'org-donghu-sq', BRANCH];
  await bind(READERS[0], 'roster-02', BRANCH, path);
  await bind(READERS[1], 'roster-03', BRANCH, path);
  await bind(XISHAN_MEMBER, 'roster-x1', 'org-xishan-b1', ['org-district', 'org-xishan', 'org-xishan-sq', 'org-xishan-b1']);
  await db.collection('users').add({ _id: XISHAN_ADMIN, code: 'XADM02', createdAt: 1, updatedAt: 1, admin: { name: '西山管理员', orgIds: ['org-xishan'] } });
});
afterAll(() => app.close());

const DRAFT = {
  orgId: 'org-donghu',
  title: '应知应会：入党誓词',
  summary: '',
  body: '<h2>入党誓词</h2><p onclick="steal()">我志愿加入中国共产党……</p><script>alert(1)</script><a href="javascript:alert(1)">点我</a>',
  tags: ['应知应会' as const],
  required: true,
  audience: { public: false, orgIds: [BRANCH], tags: [] as string[] },
};

async function draft(overrides: Record<string, unknown> = {}) {
  requests += 1;
  return (await app.call(studyStaff.save, { requestId: `study-request-${String(requests).padStart(4, '0')}`, ...DRAFT, ...overrides }, ADMIN)).article;
}

describe('reading', () => {
  test('the demo member sees the seeded articles, 必读 first, all unread; a resident sees only the public one', async () => {
    const { items } = await app.call(study.list, {}, READERS[0]);
    expect(items.map((item) => item.id)).toEqual(['article-1', 'article-2', 'article-3', 'article-4', 'article-5']);
    expect(items.slice(0, 2).every((item) => item.required)).toBe(true);
    expect(items.every((item) => !item.read)).toBe(true);
    const forResident = await app.call(study.list, {}, RESIDENT);
    expect(forResident.items.map((item) => item.title)).toEqual(['党代表工作室工作规范（试行）']);
  });

  test('members filter by topic and search titles', async () => {
    expect((await app.call(study.list, { tag: '廉洁教育' }, READERS[0])).items.map((item) => item.id)).toEqual(['article-4']);
    expect((await app.call(study.list, { q: '八项义务' }, READERS[0])).items.map((item) => item.id)).toEqual(['article-2']);
    expect((await app.call(study.list, { q: '.*' }, READERS[0])).items).toEqual([]);
  });

  test('the first open records one receipt, even when five opens race; the list then shows it read', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => app.call(study.get, { id: 'article-2' }, READERS[1])));
    expect(replies.every((reply) => reply.article?.title === '应知应会：党员的八项义务')).toBe(true);
    await app.call(study.get, { id: 'article-2' }, READERS[1]);
    const mine = await app.call(study.mine, {}, READERS[1]);
    expect(mine.items.map((item) => item.articleId)).toEqual(['article-2']);
    const { items } = await app.call(study.list, {}, READERS[1]);
    expect(items.find((item) => item.id === 'article-2')?.read).toBe(true);
    expect(items.find((item) => item.id === 'article-1')?.read).toBe(false);
    const figures = await app.call(studyStaff.figures, { id: 'article-2' }, ADMIN);
    expect(figures.branches.find((row) => row.branchId === BRANCH)).toMatchObject({ targeted: 20, read: 1, share: 5 });
  });

  test('我的学习记录 is the reader\'s own: another member sees nothing of it', async () => {
    await app.call(study.get, { id: 'article-3' }, READERS[0]);
    expect((await app.call(study.mine, {}, XISHAN_MEMBER)).items).toEqual([]);
    expect(JSON.stringify(await app.call(study.mine, {}, READERS[0]))).not.toContain('article-2');
  });

  test('a member of another branch neither lists a member-only article nor opens it by id: a polite explanation, no content', async () => {
    const { items } = await app.call(study.list, {}, XISHAN_MEMBER);
    expect(items.map((item) => item.id)).toEqual(['article-5']);
    const reply = await app.call(study.get, { id: 'article-1' }, XISHAN_MEMBER);
    expect(reply).toEqual({ article: null, unavailable: { reason: 'audience', title: '学习贯彻党的二十届四中全会精神' } });
    expect(JSON.stringify(reply)).not.toContain('全会审议通过');
    // Nor did the attempt count as a read.
    expect((await app.call(study.mine, {}, XISHAN_MEMBER)).items).toEqual([]);
  });
});

describe('staff', () => {
  test('a draft is stored sanitized, previewed as members will see it, and shown to nobody until published', async () => {
    const article = await draft();
    expect(article.status).toBe('draft');
    expect(article.content.body).toBe('<h2>入党誓词</h2><p>我志愿加入中国共产党……</p><a>点我</a>');
    expect(article.preview).toBe(article.content.body);
    expect(article.content.summary).toBe('入党誓词 我志愿加入中国共产党…… 点我');
    expect((await app.call(study.get, { id: article.id }, READERS[0])).unavailable).toEqual({ reason: 'missing' });
    expect((await app.call(study.list, {}, READERS[0])).items.map((item) => item.id)).not.toContain(article.id);
  });

  test('a retried first save makes one article', async () => {
    const input = { requestId: 'study-retry-0001', ...DRAFT, title: '重试保存' };
    const [a, b] = await Promise.all([app.call(studyStaff.save, input, ADMIN), app.call(studyStaff.save, input, ADMIN)]);
    expect(a.article.id).toBe(b.article.id);
    const { items } = await app.call(studyStaff.staffList, { orgId: 'org-donghu', limit: 50 }, ADMIN);
    expect(items.filter((item) => item.title === '重试保存')).toHaveLength(1);
  });

  test('publishing shows it to the branch in 学习 and in 消息中心 (one engine job, however often it is published)', async () => {
    const article = await draft({ title: '主题党日学习材料' });
    const published = (await app.call(studyStaff.publish, { id: article.id }, ADMIN)).article;
    expect(published.status).toBe('published');
    expect(published.pushJobId).toBeTruthy();
    const again = (await app.call(studyStaff.publish, { id: article.id }, ADMIN)).article;
    expect(again.pushJobId).toBe(published.pushJobId);
    const { items } = await app.call(study.list, {}, READERS[0]);
    expect(items[0]).toMatchObject({ id: article.id, required: true, read: false });
    const messages = await app.call(inbox.list, {}, READERS[0]);
    const notices = messages.items.filter((item) => item.link === `/pages/article/index?id=${article.id}`);
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe('必读：主题党日学习材料');
    expect((await app.call(inbox.list, {}, XISHAN_MEMBER)).items.some((item) => item.link?.includes(article.id))).toBe(false);
  });

  test("a member's roster tags come with their user: staff change them, a tag-addressed article reaches them, and 学习 reads no roster entry", async () => {
    const article = await draft({ title: '关怀对象学习材料', audience: { public: false, orgIds: [BRANCH], tags: ['老弱病残'] } });
    await app.call(studyStaff.publish, { id: article.id }, ADMIN);
    expect((await app.call(study.list, {}, READERS[1])).items.map((item) => item.id)).not.toContain(article.id);
    const [entry] = await database().collection<{ name: string; gender: ''; joinedAt: string; confirmedAt: string; category: '正式'; status: '正常' }>('roster').where({ _id: 'roster-03' }).limit(1).get();
    const { name, gender, joinedAt, confirmedAt, category, status } = entry;
    await app.call(roster.save, { id: 'roster-03', branchId: BRANCH, name, gender, joinedAt, confirmedAt, category, status, tags: ['老弱病残'] }, ADMIN);

    const queries = ['database.queryDocument', 'database.calculateDocument', 'database.aggregateDocuments', 'database.getDocument'];
    const count = (): number => queries.reduce((sum, action) => sum + (app.stack.emulator.adminCalls()[action] ?? 0), 0);
    const before = count();
    const { items } = await app.call(study.list, {}, READERS[1]);
    expect(items.map((item) => item.id)).toContain(article.id);
    // The caller's own user (loaded by every function), the page of articles, the receipts of that page.
    expect(count() - before).toBe(3);
  });

  test('read-share figures per branch are one aggregation, and count only current members who read it', async () => {
    const article = await draft({ title: '一次统计的学习材料' });
    await app.call(studyStaff.publish, { id: article.id }, ADMIN);
    await app.call(study.get, { id: article.id }, READERS[0]);
    const aggregations = (): number => app.stack.emulator.adminCalls()['database.aggregateDocuments'] ?? 0;
    const before = aggregations();
    const figures = await app.call(studyStaff.figures, { id: article.id }, ADMIN);
    expect(aggregations() - before).toBe(1);
    expect(figures.branches.find((row) => row.branchId === BRANCH)).toMatchObject({ read: 1 });
    expect(figures.read).toBe(1);
  });

  test("a cover and attachments must be the editor's own uploads: a stranger's file (a resident's case photo) is refused, files already there stay", async () => {
    const own = async (openid: string): Promise<string> => `cloud://lianxin-local/${(await app.call(cases.photoPath, { ext: 'jpg' }, openid)).cloudPath}`;
    const cover = await own(ADMIN);
    const picture = await own(ADMIN);
    const article = await draft({ title: '带封面的学习材料', cover, attachments: [{ fileId: picture, name: '学习图解', kind: 'image' }] });
    expect(article.content).toMatchObject({ cover, attachments: [{ fileId: picture, name: '学习图解', kind: 'image' }] });

    const stranger = await own(RESIDENT);
    const refused = await app.invoke(studyStaff.save, { requestId: 'study-request-stranger', ...DRAFT, cover: stranger }, ADMIN);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { attachments: expect.any(String) } } } });
    const added = await app.invoke(studyStaff.save, { requestId: 'study-request-edit-1', ...DRAFT, id: article.id, cover, attachments: [{ fileId: stranger, name: '别人的照片', kind: 'image' }] }, ADMIN);
    expect(added).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });

    // A PDF goes to a path study.filePath hands out, and only as a PDF attachment.
    const pdf = `cloud://lianxin-local/${(await app.call(studyStaff.filePath, { ext: 'pdf' }, ADMIN)).cloudPath}`;
    const withPdf = await app.call(studyStaff.save, { requestId: 'study-request-edit-3', ...DRAFT, id: article.id, cover, attachments: [{ fileId: picture, name: '学习图解', kind: 'image' }, { fileId: pdf, name: '入党誓词全文', kind: 'pdf' }] }, ADMIN);
    expect(withPdf.article.content.attachments.map((item) => item.kind)).toEqual(['image', 'pdf']);
    const pdfAsCover = await app.invoke(studyStaff.save, { requestId: 'study-request-edit-4', ...DRAFT, id: article.id, cover: `cloud://lianxin-local/${(await app.call(studyStaff.filePath, { ext: 'pdf' }, ADMIN)).cloudPath}` }, ADMIN);
    expect(pdfAsCover).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });

    // Another admin of the street edits it: the files already on the article stay.
    const edited = await app.call(studyStaff.save, { requestId: 'study-request-edit-2', ...DRAFT, id: article.id, title: '带封面的学习材料（修订）', cover, attachments: [{ fileId: picture, name: '学习图解', kind: 'image' }, { fileId: pdf, name: '入党誓词全文', kind: 'pdf' }] }, 'o_demo_district');
    expect(edited.article.content.cover).toBe(cover);
    expect(edited.article.content.attachments).toHaveLength(2);
  });

  test('publishing with a WeChat reminder makes the job send the notice template to credit holders; without one, 消息中心 only', async () => {
    const template = async (subscribe: boolean): Promise<unknown> => {
      const article = await draft({ title: subscribe ? '带提醒的学习材料' : '不带提醒的学习材料' });
      const { pushJobId } = (await app.call(studyStaff.publish, { id: article.id, subscribe }, ADMIN)).article;
      const [job] = await database().collection<{ message: { template: string | null } }>('push_jobs').where({ _id: pushJobId }).limit(1).get();
      return job.message.template;
    };
    expect(await template(true)).toBe('notice');
    expect(await template(false)).toBeNull();
  });

  test('an edit after publishing is a new version, audited, and what members read', async () => {
    const article = await draft({ title: '版本测试' });
    await app.call(studyStaff.publish, { id: article.id }, ADMIN);
    requests += 1;
    const edited = (
      await app.call(studyStaff.save, { requestId: `study-request-${requests}x`, id: article.id, baseVersion: 1, ...DRAFT, title: '版本测试', body: '<p>更正后的正文</p>' }, ADMIN)
    ).article;
    expect(edited.version).toBe(2);
    expect(edited.versions.map((version) => version.version)).toEqual([2, 1]);
    expect((await app.call(study.get, { id: article.id }, READERS[0])).article?.body).toBe('<p>更正后的正文</p>');
    // Someone editing from version 1 does not overwrite version 2.
    expect(await app.invoke(studyStaff.save, { requestId: 'study-stale-0001', id: article.id, baseVersion: 1, ...DRAFT }, ADMIN)).toMatchObject({ ok: false, error: { code: 'STUDY.STALE' } });
    const audit = await database().collection<{ type: string; targetId: string }>('audit_log').where({ targetId: article.id }).get();
    expect(audit.map((row) => row.type).sort()).toEqual(['study.create', 'study.edit', 'study.publish']);
  });

  test('staff attach a quiz to an article; its members can take it, checked questions only', async () => {
    const article = await draft({ title: '带测试的文章' });
    await app.call(studyStaff.publish, { id: article.id }, ADMIN);
    const bad = await app.invoke(studyStaff.quizSave, { articleId: article.id, draw: 2, passScore: 60, questions: [{ kind: 'single', stem: '单选', options: ['甲', '乙'], answer: [0, 1] }] }, ADMIN);
    expect(bad).toMatchObject({ ok: false, error: { code: 'QUIZ.QUESTION', details: { fields: { 'questions.0': '单选题和判断题只能有一个正确答案' } } } });
    const saved = await app.call(
      studyStaff.quizSave,
      {
        articleId: article.id,
        draw: 5,
        passScore: 60,
        questions: [
          { kind: 'judge', stem: '入党誓词要熟记。', options: ['对', '错'], answer: [0], explanation: '誓词是党员的庄严承诺。' },
          { kind: 'multiple', stem: '誓词包括哪些？', options: ['拥护党的纲领', '遵守党的章程', '只看个人利益'], answer: [0, 1] },
        ],
      },
      ADMIN,
    );
    expect(saved.questions).toBe(2);
    const reading = await app.call(study.get, { id: article.id }, READERS[0]);
    expect(reading.article?.quizId).toBe(saved.quizId);
    const start = await app.call(studyQuiz.quizStart, { quizId: saved.quizId }, READERS[0]);
    expect(start.questions).toHaveLength(2);
    expect(start.questions.find((question) => question.kind === 'judge')?.options).toEqual(['正确', '错误']);
    expect(await app.invoke(studyQuiz.quizStart, { quizId: saved.quizId }, XISHAN_MEMBER)).toMatchObject({ ok: false, error: { code: 'QUIZ.UNAVAILABLE' } });
  });

  test('a withdrawn article leaves 学习 and opens as withdrawn', async () => {
    const article = await draft({ title: '撤回测试' });
    await app.call(studyStaff.publish, { id: article.id }, ADMIN);
    await app.call(studyStaff.withdraw, { id: article.id }, ADMIN);
    expect((await app.call(study.list, {}, READERS[0])).items.map((item) => item.id)).not.toContain(article.id);
    expect((await app.call(study.get, { id: article.id }, READERS[0])).unavailable).toEqual({ reason: 'withdrawn' });
  });

  test('staff of another street can neither list, open, edit nor count a 东湖 article; nor address a 东湖 branch', async () => {
    expect(await app.invoke(studyStaff.staffGet, { id: 'article-1' }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await app.invoke(studyStaff.figures, { id: 'article-1' }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await app.invoke(studyStaff.withdraw, { id: 'article-1' }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await app.invoke(studyStaff.staffList, { orgId: 'org-donghu' }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await app.invoke(studyStaff.save, { requestId: 'study-xishan-0001', ...DRAFT, orgId: 'org-xishan' }, XISHAN_ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'ORG.NOT_FOUND', details: { fields: { audience: '所选支部不在发布范围内' } } },
    });
  });

  test('the study 台账 lists the period\'s articles and quizzes per branch with counts and shares, audited, no names', async () => {
    // One reader of the 八项义务 article (a second open changes nothing).
    await app.call(study.get, { id: 'article-2' }, READERS[1]);
    const result = await app.call(studyStaff.ledger, { orgId: 'org-donghu', from: '2026-11-01', to: '2026-11-30' }, ADMIN);
    expect(result.rows).toBeGreaterThanOrEqual(5);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(result.url)).arrayBuffer());
    const rowsOf = (name: string) => (workbook.getWorksheet(name)?.getSheetValues() ?? []).slice(1).map((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));
    const pushed = rowsOf('学习推送');
    expect(pushed[1]).toEqual(['文章', '发布时间', '类型', '支部', '应学人数', '已绑定微信', '已读人数', '已读比例']);
    expect(pushed.find((row) => row[0] === '应知应会：党员的八项义务')).toEqual(['应知应会：党员的八项义务', expect.any(String), '必读', '东湖社区第一党支部', '20', expect.any(String), '1', '5%']);
    expect(rowsOf('应知应会测试')[2]).toEqual(['应知应会：党员的八项义务', '东湖社区第一党支部', '20', '0', '0%', '0', '0%']);
    const text = JSON.stringify([pushed, rowsOf('应知应会测试')]);
    for (const name of ['李明', '张伟', '王芳', LI_MING, ...READERS]) expect(text).not.toContain(name);
    const audit = await database().collection<{ type: string }>('audit_log').where({ type: 'study.export' }).get();
    expect(audit).toHaveLength(1);
    expect(await app.invoke(studyStaff.ledger, { orgId: 'org-xishan', from: '2026-11-01', to: '2026-11-30' }, ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  test('no staff-facing answer names a reader, ranks people or reports time spent reading', async () => {
    await app.call(study.get, { id: 'article-1' }, LI_MING);
    const answers = [
      await app.call(studyStaff.staffList, { orgId: 'org-donghu', limit: 50 }, ADMIN),
      await app.call(studyStaff.staffGet, { id: 'article-1' }, ADMIN),
      await app.call(studyStaff.figures, { id: 'article-1' }, ADMIN),
      await app.call(studyStaff.figures, { id: 'article-2' }, ADMIN),
      (await app.call(studyStaff.publish, { id: 'article-1' }, ADMIN)),
      await draft({ title: '检查' }),
    ];
    const figures = await app.call(studyStaff.figures, { id: 'article-1' }, ADMIN);
    expect(figures.branches.find((row) => row.branchId === BRANCH)).toMatchObject({ targeted: 20, read: 1 });
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      for (const reader of [LI_MING, ...READERS, '李明', '张伟', '王芳', 'openid']) expect(text).not.toContain(reader);
      expect(text).not.toMatch(/rank|duration|seconds|minutes|timeSpent|readAt|readers/i);
    }
  });
});
