/**
 * What 我也遇到 and the case page give away, through the real functions: a stranger who joins a case reads the public
 * summary only and cannot decide the reporter's outcome; the handling deputy never reads a rating; ids cannot be probed
 * through `get` or `join`; `similar` cannot be used to harvest a studio's cases.
 */
import { cases } from '../../src/shared/contracts';
import type { Envelope } from '../../src/shared/errors';
import { startAppCloud, type AppCloud } from '../support/app';
import { ADMIN, DEPUTY, DISTRICT_ADMIN, assigned, failureOf, noticesAbout } from './cases-support';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

/** A photo uploaded the way the page does it: a path the cloud hands out to this user. */
async function uploaded(openid: string): Promise<string> {
  const { cloudPath } = await app.call(cases.photoPath, { ext: 'jpg' }, openid);
  return `cloud://lianxin-local/${cloudPath}`;
}

const SECRET = {
  content: '我家住幸福小区3单元502室，楼道灯坏了半个月，我八十岁的老伴晚上摔了一跤',
  name: '王秀英',
  phone: '13912348765',
  address: '幸福小区3单元502室门口',
  latitude: 30.512345,
  longitude: 114.398765,
};

/** A case of its own words (so `similar` offers exactly it), replied by 陈建国 with a photo of the fixed lamp. */
async function repliedCase(reporter: string, title: string): Promise<{ id: string; photo: string; replyPhoto: string; receiptNo: string }> {
  const photo = await uploaded(reporter);
  const id = await assigned(app, reporter, {
    category: 'consult',
    title,
    content: `${title}。${SECRET.content}`,
    photos: [photo],
    location: { latitude: SECRET.latitude, longitude: SECRET.longitude, address: SECRET.address },
    contact: { name: SECRET.name, phone: SECRET.phone },
    contactVisibleToDeputy: true,
  });
  await app.call(cases.start, { id }, DEPUTY);
  const replyPhoto = await uploaded(DEPUTY);
  await app.call(cases.reply, { id, text: '已请物业更换楼道灯，今晚恢复照明。', photos: [replyPhoto] }, DEPUTY);
  const { receiptNo } = (await app.call(cases.get, { id }, ADMIN)).case;
  return { id, photo, replyPhoto, receiptNo: receiptNo ?? '' };
}

/** 我也遇到 as the form does it: the draft's words find the case, the resident taps it. */
async function strangerJoins(stranger: string, id: string, title: string): Promise<void> {
  const offered = await app.call(cases.similar, { studioId: 'studio-donghu', category: 'consult', title, content: '' }, stranger);
  expect(offered.cases.map((summary) => summary._id)).toContain(id);
  expect(await app.call(cases.join, { caseId: id }, stranger)).toEqual({ following: true });
}

describe('我也遇到: a co-reporter reads the public summary only', () => {
  test('a stranger who joins reads category, title, state and the reply, never the content, photos, place, contact or who reported', async () => {
    const reporter = 'o_privacy_reporter';
    const stranger = 'o_privacy_stranger';
    const title = '梧桐街楼道灯不亮';
    const { id, photo, replyPhoto, receiptNo } = await repliedCase(reporter, title);
    await strangerJoins(stranger, id, title);

    const answer = await app.call(cases.get, { id }, stranger);
    expect(answer.case).toMatchObject({ as: 'follower', title, category: 'consult', studioId: 'studio-donghu', state: 'replied', stateLabel: '已答复' });
    expect(answer.case.reply?.text).toBe('已请物业更换楼道灯，今晚恢复照明。');
    expect(answer.actions).toEqual(['co_rate']);
    const whole = JSON.stringify(answer);
    for (const secret of [
      SECRET.content, '502', SECRET.name, SECRET.phone, SECRET.phone.slice(-4), SECRET.address, String(SECRET.latitude), String(SECRET.longitude),
      photo, photo.split('/').pop() ?? photo, replyPhoto, replyPhoto.split('/').pop() ?? replyPhoto, reporter, DEPUTY, receiptNo,
    ]) {
      expect({ secret, leaked: whole.includes(secret) }).toEqual({ secret, leaked: false });
    }
    // The reporter's own steps are theirs: the co-reporter's timeline holds the staff's steps and their own 我也遇到.
    expect(answer.case.events.map((event) => event.type)).toEqual(['assign', 'start', 'reply', 'join']);
  });

  test("a co-reporter's 否 is their own: the case stays answered, and the reporter's own 否 still reopens it", async () => {
    const reporter = 'o_privacy_rate_reporter';
    const stranger = 'o_privacy_rate_stranger';
    const title = '银杏路窨井盖缺失';
    const { id } = await repliedCase(reporter, title);
    await strangerJoins(stranger, id, title);

    expect(await app.call(cases.rate, { id, attitude: 1, solved: 'no' }, stranger)).toMatchObject({ state: 'replied', stateLabel: '已答复' });
    expect(await failureOf(app, cases.rate, { id, attitude: 1, solved: 'no' }, stranger)).toBe('CASE.INVALID_TRANSITION');
    const mine = (await app.call(cases.get, { id }, stranger)).case;
    expect(mine).toMatchObject({ as: 'follower', myRating: { attitude: 1, solved: 'no' } });

    // The reporter neither sees the neighbour's rating nor is blocked by it.
    const before = await app.call(cases.get, { id }, reporter);
    expect(before.case.rating).toBeUndefined();
    expect(before.actions).toContain('rate');
    expect(JSON.stringify(before)).not.toContain('co_rate');
    expect(await app.call(cases.rate, { id, attitude: 2, solved: 'no' }, reporter)).toMatchObject({ state: 'assigned' });
    expect((await app.call(cases.get, { id }, reporter)).case).toMatchObject({ state: 'assigned', reopenCount: 1, rating: { attitude: 2, solved: 'no' } });

    // Staff figures count the reporter's rating only; the admin still reads the neighbour's, without who gave it.
    const admin = (await app.call(cases.get, { id }, DISTRICT_ADMIN)).case;
    expect(admin.followerRatings).toEqual([{ attitude: 1, solved: 'no', at: expect.any(Number), round: 0 }]);
  });

  test("a co-reporter's rating sends no notice: the deputy does not learn that someone just rated", async () => {
    const reporter = 'o_privacy_quiet_reporter';
    const stranger = 'o_privacy_quiet_stranger';
    const title = '海棠巷路面塌陷';
    const { id } = await repliedCase(reporter, title);
    await strangerJoins(stranger, id, title);
    const before = (await noticesAbout(app, DEPUTY, id)).length;
    await app.call(cases.rate, { id, attitude: 1, solved: 'no' }, stranger);
    expect(await noticesAbout(app, DEPUTY, id)).toHaveLength(before);
    expect((await noticesAbout(app, reporter, id)).map((item) => item.kind)).not.toContain('case_co_rate');
  });
});

describe('the handling deputy never reads a rating', () => {
  test("the deputy's case page holds no stars, no answer and no rating step details, whoever rated", async () => {
    const reporter = 'o_privacy_rated_reporter';
    const stranger = 'o_privacy_rated_stranger';
    const title = '樱花园健身器材松动';
    const { id } = await repliedCase(reporter, title);
    await strangerJoins(stranger, id, title);
    await app.call(cases.rate, { id, attitude: 2, solved: 'partly' }, stranger);
    await app.call(cases.rate, { id, attitude: 4, solved: 'yes' }, reporter);

    const answer = await app.call(cases.get, { id }, DEPUTY);
    expect(answer.case).toMatchObject({ as: 'deputy', state: 'rated' });
    const whole = JSON.stringify(answer);
    for (const secret of ['"rating"', 'attitude', 'solved', 'followerRatings', 'co_rate']) {
      expect({ secret, leaked: whole.includes(secret) }).toEqual({ secret, leaked: false });
    }
    // Admins keep reading it (staff figures and 台账 are unchanged).
    expect((await app.call(cases.get, { id }, ADMIN)).case.rating).toMatchObject({ attitude: 4, solved: 'yes' });
  });

  test('a rating given this month does not show in the deputy’s own figures (finished months of 5 or more only)', async () => {
    expect(await app.call(cases.myRatings, {}, DEPUTY)).toEqual({ minCases: 5, months: [] });
  });
});

describe('ids cannot be probed', () => {
  test("get answers someone else's case exactly as an unknown id", async () => {
    const id = await assigned(app, 'o_privacy_probe_owner', { title: '紫藤路噪音扰民' });
    const strangers = await app.invoke(cases.get, { id }, 'o_privacy_prober');
    const unknown = await app.invoke(cases.get, { id: 'ffffffffffffffffffffffffffffffff' }, 'o_privacy_prober');
    expect(strangers).toEqual(unknown);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'CASE.NOT_FOUND', message: '没有找到这件意见' } });
  });

  test('join refuses a case that similar never offered to this caller, exactly as an unknown id, and follows nothing', async () => {
    const id = await assigned(app, 'o_privacy_join_owner', { title: '玉兰街垃圾桶满溢' });
    const guessed = await app.invoke(cases.join, { caseId: id }, 'o_privacy_guesser');
    const unknown: Envelope<unknown> = await app.invoke(cases.join, { caseId: 'ffffffffffffffffffffffffffffffff' }, 'o_privacy_guesser');
    expect(guessed).toEqual(unknown);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'CASE.NOT_FOUND' } });
    expect((await app.call(cases.get, { id }, ADMIN)).case.followerCount).toBe(1);
    expect(await failureOf(app, cases.get, { id }, 'o_privacy_guesser')).toBe('CASE.NOT_FOUND');
  });

  test('similar shows one caller at most 12 different cases an hour, however many drafts they try', async () => {
    const places = ['丁香', '芙蓉', '月季', '茉莉', '杜鹃', '荷花', '牡丹', '水仙', '石榴', '枫叶', '松柏', '翠竹', '青桐', '红枫', '金桂'];
    const ids: string[] = [];
    for (const [i, place] of places.entries()) {
      ids.push(await assigned(app, `o_privacy_harvest_owner_${i}`, { category: 'consult', title: `${place}苑电梯停运`, content: `${place}苑电梯停运三天` }));
    }
    const seen = new Set<string>();
    for (const place of places) {
      const { cases: offered } = await app.call(cases.similar, { studioId: 'studio-donghu', category: 'consult', title: `${place}苑电梯停运`, content: '' }, 'o_privacy_harvester');
      for (const summary of offered) seen.add(summary._id);
    }
    expect(seen.size).toBe(12);
    const unseen = ids.filter((id) => !seen.has(id));
    expect(unseen.length).toBeGreaterThan(0);
    expect(await failureOf(app, cases.join, { caseId: unseen[0] }, 'o_privacy_harvester')).toBe('CASE.NOT_FOUND');
    // Someone else typing the same draft is not held back by the harvester.
    const { cases: fresh } = await app.call(cases.similar, { studioId: 'studio-donghu', category: 'consult', title: `${places[14]}苑电梯停运`, content: '' }, 'o_privacy_neighbour');
    expect(fresh[0]._id).toBe(ids[14]);
  });
});
