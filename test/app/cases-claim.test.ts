/**
 * 认领纸质意见表 needs more than the receipt number (numbers are sequential: anyone could walk them): the 认领码 the
 * intake staff wrote on the paper receipt, or the last 4 digits of the phone on the form. Attempts are limited per
 * claimant and per case; every failure a stranger can cause looks the same; the claimant sees the phone masked.
 */
import { cases } from '../../src/shared/contracts';
import type { Envelope } from '../../src/shared/errors';
import { startAppCloud, type AppCloud } from '../support/app';
import { DEPUTY, form, submitted } from './cases-support';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

/** A paper form 王奶奶 handed in at a 流动服务点, typed in by deputy 陈建国. */
const paperForm = (phone?: string) =>
  app.call(cases.paperIntake, form({ title: '菜市场东门占道经营', contact: { name: '王奶奶', ...(phone ? { phone } : {}) } }), DEPUTY);

const claim = (receiptNo: string, code: string, openid: string) => app.invoke(cases.claim, { receiptNo, code }, openid);
const errorOf = <T>(reply: Envelope<T>) => (reply.ok ? null : reply.error);
const mine = async (openid: string) => (await app.call(cases.mine, {}, openid)).items.map((item) => item.id);

test('paper intake answers a 6-digit 认领码 for the receipt, and a retry of the same intake answers the same one', async () => {
  const input = form({ title: '菜市场东门占道经营' });
  const first = await app.call(cases.paperIntake, input, DEPUTY);
  expect(first.claimCode).toMatch(/^\d{6}$/);
  expect(await app.call(cases.paperIntake, input, DEPUTY)).toEqual(first);
  // Nobody else sees the code: not the staff's case view either.
  const staffView = await app.call(cases.get, { id: first.id }, 'o_demo_admin');
  expect(JSON.stringify(staffView)).not.toContain(first.claimCode);
});

test('the resident claims with the receipt number and the 认领码, sees the phone masked, and a retry still succeeds', async () => {
  const { id, receiptNo, claimCode } = await paperForm('13712345678');
  const resident = 'o_claim_owner';
  expect(await app.call(cases.claim, { receiptNo: ` ${receiptNo.toLowerCase()} `, code: claimCode }, resident)).toEqual({ id });
  expect(await mine(resident)).toEqual([id]);
  const view = (await app.call(cases.get, { id }, resident)).case;
  expect(view).toMatchObject({ isReporter: true, contact: { name: '王奶奶', phone: '137****5678' } });
  expect(JSON.stringify(view)).not.toContain('13712345678');
  // The transport retries an idempotent call whose answer was lost: the claimant gets the case again.
  expect(await app.call(cases.claim, { receiptNo, code: claimCode }, resident)).toEqual({ id });
});

test('the last 4 digits of the registered phone also claim it; without a phone only the 认领码 does', async () => {
  const withPhone = await paperForm('13912348765');
  expect(await app.call(cases.claim, { receiptNo: withPhone.receiptNo, code: '8765' }, 'o_claim_by_phone')).toEqual({ id: withPhone.id });

  const noPhone = await paperForm();
  expect(errorOf(await claim(noPhone.receiptNo, '0000', 'o_claim_no_phone'))).toMatchObject({ code: 'CASE.CLAIM_REFUSED' });
  expect(await app.call(cases.claim, { receiptNo: noPhone.receiptNo, code: noPhone.claimCode }, 'o_claim_no_phone')).toEqual({ id: noPhone.id });
});

test('walking receipt numbers claims nothing: no such receipt, a wrong code, a claimed form and an online case answer alike', async () => {
  const open = await paperForm('13700001111');
  const taken = await paperForm('13700002222');
  await app.call(cases.claim, { receiptNo: taken.receiptNo, code: taken.claimCode }, 'o_claim_first');
  const { receiptNo: online } = await app.call(cases.submit, form(), 'o_claim_online_owner');

  const walker = 'o_claim_walker';
  const replies = [
    await claim('LS-2026-999999', '123456', walker),
    await claim(open.receiptNo, open.claimCode === '123456' ? '654321' : '123456', walker),
    await claim(taken.receiptNo, taken.claimCode, walker),
    await claim(online, '5678', walker),
  ];
  const errors = replies.map(errorOf);
  expect(errors[0]).toMatchObject({ code: 'CASE.CLAIM_REFUSED', message: expect.stringContaining('认领码') });
  for (const error of errors) expect(error).toEqual(errors[0]);
  // Nothing was claimed, and no reply shows anyone's name or phone.
  expect(await mine(walker)).toEqual([]);
  expect(JSON.stringify(replies)).not.toMatch(/王奶奶|137/);
  // The walk stops fast: the fifth try of the hour is the last.
  await claim('LS-2026-999998', '123456', walker);
  expect(errorOf(await claim(open.receiptNo, open.claimCode, walker))).toMatchObject({ code: 'RATE.LIMITED' });
  expect(await mine(walker)).toEqual([]);
  // The real resident still claims it.
  expect(await app.call(cases.claim, { receiptNo: open.receiptNo, code: open.claimCode }, 'o_claim_real')).toEqual({ id: open.id });
});

test('wrong codes on one form are limited across claimants: five strangers lock it for the hour', async () => {
  const target = await paperForm('13800003333');
  const guesses = await Promise.all(['000001', '000002', '000003', '000004', '000005', '000006', '000007'].map((code, i) => claim(target.receiptNo, code === target.claimCode ? '999999' : code, `o_claim_guesser_${i}`)));
  const codes = guesses.map((reply) => errorOf(reply)?.code);
  expect(codes.filter((code) => code === 'CASE.CLAIM_REFUSED')).toHaveLength(5);
  expect(codes.filter((code) => code === 'RATE.LIMITED')).toHaveLength(2);
  expect(errorOf(await claim(target.receiptNo, target.claimCode, 'o_claim_guesser_late'))).toMatchObject({ code: 'RATE.LIMITED' });
  expect((await app.call(cases.get, { id: target.id }, 'o_demo_admin')).case.followerCount).toBe(0);
});

test('a resident\'s own online case is theirs already: claiming it answers it; nobody else learns it exists', async () => {
  const id = await submitted(app, 'o_claim_online_self');
  const { receiptNo } = (await app.call(cases.get, { id }, 'o_claim_online_self')).case;
  expect(receiptNo).toBeDefined();
  expect(await app.call(cases.claim, { receiptNo: receiptNo as string, code: '5678' }, 'o_claim_online_self')).toEqual({ id });
});
