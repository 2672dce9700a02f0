/**
 * A resident's form becomes exactly one case: receipt numbers, idempotent submit (also when two arrive at once), the
 * per-user rate limit, msgSecCheck before anything is stored, the shared schema, paper intake and claiming it, and
 * the admin-editable category list — all through the real functions on the local cloud.
 */
import { chinaDate } from '../../src/shared/calendar';
import { DEFAULT_CATEGORIES } from '../../src/shared/cases/categories';
import { cases } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import { startAppCloud, type AppCloud } from '../support/app';
import { ADMIN, DEPUTY, XISHAN_DEPUTY, failureOf, form, submitted } from './cases-support';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

const mine = async (openid: string) => (await app.call(cases.mine, {}, openid)).items;

test('a submitted form answers a receipt number LS-<year>-<6 digits> and appears in 我的意见 with its submit event', async () => {
  const reporter = 'o_submit_receipt';
  const { id, receiptNo } = await app.call(cases.submit, form({ title: '小区门口积水' }), reporter);
  expect(receiptNo).toMatch(new RegExp(`^LS-${chinaDate(Date.now()).slice(0, 4)}-\\d{6}$`));
  expect(await mine(reporter)).toEqual([expect.objectContaining({ id, receiptNo, title: '小区门口积水', state: 'submitted', stateLabel: '已提交' })]);
  const detail = await app.call(cases.get, { id }, reporter);
  expect(detail.case.events.map((event) => [event.type, event.to])).toEqual([['submit', 'submitted']]);
  expect(detail.case.contact).toEqual({ name: '王阿姨', phone: '13812345678' });
});

test('submitting the same request id again answers the same case instead of a second one', async () => {
  const reporter = 'o_submit_twice';
  const payload = form();
  const first = await app.call(cases.submit, payload, reporter);
  expect(await app.call(cases.submit, payload, reporter)).toEqual(first);
  expect(await mine(reporter)).toHaveLength(1);
});

test('two identical submits arriving at the same moment create one case', async () => {
  const reporter = 'o_submit_double_tap';
  const payload = form();
  const [a, b] = await Promise.all([app.call(cases.submit, payload, reporter), app.call(cases.submit, payload, reporter)]);
  expect(a).toEqual(b);
  expect((await mine(reporter)).map((item) => item.id)).toEqual([a.id]);
});

test('forms of different residents arriving at once get distinct, consecutive receipt numbers', async () => {
  const reporters = ['o_submit_rush_1', 'o_submit_rush_2', 'o_submit_rush_3', 'o_submit_rush_4'];
  const receipts = await Promise.all(reporters.map(async (reporter) => (await app.call(cases.submit, form(), reporter)).receiptNo));
  const sequence = receipts.map((receipt) => Number(receipt.slice(-6))).sort((a, b) => a - b);
  expect(new Set(receipts).size).toBe(4);
  expect(sequence[3] - sequence[0]).toBe(3);
});

test('a receipt counter left behind (a crash between insert and counter) costs a retry, never a duplicate number', async () => {
  const { receiptNo: latest } = await app.call(cases.submit, form(), 'o_submit_counter_1');
  const year = Number(latest.slice(3, 7));
  const issued = Number(latest.slice(-6));
  await database().collection('counters').doc(`receipt-${year}`).set({ seq: Math.max(0, issued - 12), updatedAt: 0 });
  const { receiptNo } = await app.call(cases.submit, form(), 'o_submit_counter_2');
  expect(Number(receiptNo.slice(-6))).toBe(issued + 1);
});

test('the sixth form within an hour is refused with RATE.LIMITED, and a retry of an earlier one still answers its case', async () => {
  const reporter = 'o_submit_flood';
  const payloads = Array.from({ length: 5 }, () => form());
  const accepted = [];
  for (const payload of payloads) accepted.push(await app.call(cases.submit, payload, reporter));
  const reply = await app.invoke(cases.submit, form(), reporter);
  expect(reply).toEqual({
    ok: false,
    error: { code: 'RATE.LIMITED', message: expect.stringMatching(/^一小时内最多提交 5 件意见，请在 \d\d:\d\d 以后再试$/), details: { retryAt: expect.any(Number) } },
  });
  expect(await mine(reporter)).toHaveLength(5);
  expect(await app.call(cases.submit, payloads[2], reporter)).toEqual(accepted[2]);
});

test('a form whose text fails msgSecCheck is refused with CONTENT.RISKY and nothing is stored', async () => {
  const reporter = 'o_submit_risky';
  const reply = await app.invoke(cases.submit, form({ content: '小区里有人聚众赌博，深夜很吵' }), reporter);
  expect(reply).toMatchObject({
    ok: false,
    error: { code: 'CONTENT.RISKY', message: expect.stringContaining('内容里“赌博”等字眼可能涉及违法犯罪内容，请换一种说法'), details: { fields: { content: expect.any(String) } } },
  });
  expect(await mine(reporter)).toEqual([]);
});

test('the shared schema refuses a phone number that is neither a mobile nor a landline, and a title over 50 characters', async () => {
  expect(await app.invoke(cases.submit, form({ contact: { phone: '12345' } }), 'o_submit_schema')).toMatchObject({
    ok: false,
    error: { code: 'INPUT.INVALID', details: { fields: { 'contact.phone': '请填写正确的手机号或带区号的固定电话' } } },
  });
  expect(await failureOf(app, cases.submit, form({ title: '灯'.repeat(51) }), 'o_submit_schema')).toBe('INPUT.INVALID');
  expect(await failureOf(app, cases.submit, form({ contact: { phone: '027-86881234' } }), 'o_submit_schema')).toBe('');
  expect(await mine('o_submit_schema')).toHaveLength(1);
});

test('a form naming an unknown category, or a service point of another studio, is refused with the field to fix', async () => {
  expect(await failureOf(app, cases.submit, form({ category: 'weather' }), 'o_submit_wrong_place')).toBe('INPUT.INVALID');
  expect(await app.invoke(cases.submit, form({ studioId: 'studio-xishan', servicePointId: 'point-donghu-sq' }), 'o_submit_wrong_place')).toMatchObject({
    ok: false,
    error: { code: 'SERVICE_POINT.NOT_FOUND', details: { fields: { servicePointId: expect.stringContaining('流动服务点') } } },
  });
  expect(await app.invoke(cases.submit, form({ studioId: 'studio-nowhere' }), 'o_submit_wrong_place')).toMatchObject({
    ok: false,
    error: { code: 'STUDIO.NOT_FOUND', details: { fields: { studioId: expect.stringContaining('工作室') } } },
  });
  expect(await mine('o_submit_wrong_place')).toEqual([]);
});

test('a form from a 流动服务点 is filed under the point\'s community node, so figures roll up from there', async () => {
  const id = await submitted(app, 'o_submit_point', { servicePointId: 'point-donghu-sq' });
  const detail = await app.call(cases.get, { id }, ADMIN);
  expect(detail.case).toMatchObject({ servicePointId: 'point-donghu-sq', orgPath: ['org-district', 'org-donghu', 'org-donghu-sq'] });
});

describe('paper intake', () => {
  test('a deputy enters a paper form: marked as paper, no reporter until a resident claims it with the receipt number and 认领码', async () => {
    const { id, receiptNo, claimCode } = await app.call(cases.paperIntake, form({ title: '菜市场东门占道经营' }), DEPUTY);
    const staffView = (await app.call(cases.get, { id }, ADMIN)).case;
    expect(staffView).toMatchObject({ source: 'paper', intakeByOpenid: DEPUTY, followerCount: 0 });
    expect(staffView.reporterOpenid).toBeUndefined();

    const claimant = 'o_paper_claimant';
    expect(await app.call(cases.claim, { receiptNo: ` ${receiptNo.toLowerCase()} `, code: claimCode }, claimant)).toEqual({ id });
    expect((await mine(claimant)).map((item) => [item.id, item.source])).toEqual([[id, 'paper']]);
    // Claiming again is harmless for the claimant; anyone else is refused, without being told it is taken.
    expect(await app.call(cases.claim, { receiptNo, code: claimCode }, claimant)).toEqual({ id });
    expect(await failureOf(app, cases.claim, { receiptNo, code: claimCode }, 'o_paper_latecomer')).toBe('CASE.CLAIM_REFUSED');
    expect((await app.call(cases.get, { id }, claimant)).case.isReporter).toBe(true);
  });

  test('a deputy cannot enter a paper form for another studio, and an unknown receipt number is refused', async () => {
    expect(await failureOf(app, cases.paperIntake, form({ studioId: 'studio-donghu' }), XISHAN_DEPUTY)).toBe('AUTH.FORBIDDEN');
    expect(await failureOf(app, cases.claim, { receiptNo: 'LS-2026-999999', code: '123456' }, 'o_paper_guess')).toBe('CASE.CLAIM_REFUSED');
  });

  test('an online case cannot be claimed by someone else', async () => {
    const { receiptNo } = await app.call(cases.submit, form(), 'o_paper_online_owner');
    expect(await failureOf(app, cases.claim, { receiptNo, code: '5678' }, 'o_paper_thief')).toBe('CASE.CLAIM_REFUSED');
  });
});

describe('categories', () => {
  test('while no category was edited, the list is the default one', async () => {
    expect((await app.call(cases.categories, {}, 'o_categories')).categories).toEqual(DEFAULT_CATEGORIES);
  });

  test('edited categories replace the defaults: a new one is accepted on the form, a dropped one is refused', async () => {
    const db = database();
    await db.collection('case_categories').add({ _id: 'noise', key: 'noise', label: '噪音', limitDays: 5, order: 1 });
    await db.collection('case_categories').add({ _id: 'help', key: 'help', label: '求助', limitDays: 3, order: 2 });
    expect((await app.call(cases.categories, {}, 'o_categories')).categories).toEqual([
      { key: 'noise', label: '噪音', limitDays: 5 },
      { key: 'help', label: '求助', limitDays: 3 },
    ]);
    expect(await failureOf(app, cases.submit, form({ category: 'noise' }), 'o_categories')).toBe('');
    expect(await failureOf(app, cases.submit, form({ category: 'complaint' }), 'o_categories')).toBe('INPUT.INVALID');
  });
});
