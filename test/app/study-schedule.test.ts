/**
 * Scheduled publish on a fixed clock: an article published for 09:00 is invisible at 08:00 — not listed, not opened,
 * not in 消息中心 — and live at 09:00 sharp, with no timer involved (the time is checked when members read). The same
 * stored documents are read by a second local cloud whose clock stands at the publish time.
 */
import { inbox, study, studyStaff } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import { SEED_TIME, startAppCloud, type AppCloud } from '../support/app';

const ADMIN = 'o_demo_admin';
const LI_MING = 'o_demo_member';
const HOUR = 3_600_000;
/** 2026-11-21 08:00 China time. */
const EIGHT = SEED_TIME + 22 * HOUR;
const NINE = EIGHT + HOUR;

type Doc = Record<string, unknown> & { _id: string };

/** The documents a publish wrote (article, push job, broadcast), read straight from the first cloud. */
const stored: Array<{ collection: string; doc: Doc }> = [];
let articleId = '';

describe('at 08:00, an article scheduled for 09:00', () => {
  let app: AppCloud;
  beforeAll(async () => {
    app = await startAppCloud({ now: EIGHT });
  });
  afterAll(() => app.close());

  test('is listed for staff as 定时发布 and hidden from members in 学习, by id and in 消息中心', async () => {
    const saved = await app.call(
      studyStaff.save,
      { requestId: 'schedule-request-01', orgId: 'org-donghu', title: '九点发布的学习材料', body: '<p>九点见</p>', required: true, audience: { public: false, orgIds: ['org-donghu-b1'], tags: [] } },
      ADMIN,
    );
    articleId = saved.article.id;
    const published = (await app.call(studyStaff.publish, { id: articleId, at: NINE }, ADMIN)).article;
    expect(published).toMatchObject({ status: 'scheduled', publishAt: NINE });
    expect((await app.call(study.list, {}, LI_MING)).items.map((item) => item.id)).not.toContain(articleId);
    expect(await app.call(study.get, { id: articleId }, LI_MING)).toEqual({ article: null, unavailable: { reason: 'not_yet' } });
    expect((await app.call(inbox.list, {}, LI_MING)).items.some((item) => item.link?.includes(articleId))).toBe(false);

    const db = database();
    const read = async (collection: string, id: string): Promise<void> => {
      const [doc] = await db.collection<Doc>(collection).where({ _id: id }).get();
      expect(doc).toBeTruthy();
      stored.push({ collection, doc });
    };
    await read('articles', articleId);
    await read('push_jobs', String(published.pushJobId));
    await read('push_broadcasts', String(published.pushJobId));
  });
});

describe('at 09:00 sharp, the same article', () => {
  let app: AppCloud;
  beforeAll(async () => {
    app = await startAppCloud({ now: NINE });
    const db = database();
    for (const { collection, doc } of stored) await db.collection<Doc>(collection).doc(doc._id).set(doc);
  });
  afterAll(() => app.close());

  test('is live: listed first (必读), opened, and in 消息中心', async () => {
    expect(stored).toHaveLength(3);
    expect((await app.call(study.list, {}, LI_MING)).items[0]).toMatchObject({ id: articleId, required: true, read: false });
    expect((await app.call(study.get, { id: articleId }, LI_MING)).article?.body).toBe('<p>九点见</p>');
    expect((await app.call(inbox.list, {}, LI_MING)).items.some((item) => item.link === `/pages/article/index?id=${articleId}`)).toBe(true);
    const { items } = await app.call(studyStaff.staffList, { orgId: 'org-donghu' }, ADMIN);
    expect(items.find((item) => item.id === articleId)?.status).toBe('published');
  });
});
