/** Binding rules without storage: which entry a name + phone tail picks, and who may bind to what. */
import { bindConflict, endsBinding, newInviteCode, pickByNameAndTail } from '../../cloud/src/domain/roster/binding';
import type { RosterStatus } from '../../src/shared/roster';

const entry = (phone: string, status: RosterStatus = '正常', boundOpenid: string | null = null) => ({ name: '张伟', phone, status, boundOpenid });

test('a name and the last 4 digits pick the one current member they fit', () => {
  const picked = pickByNameAndTail([entry('13800001001'), entry('13900002002')], '2002');
  expect(picked?.phone).toBe('13900002002');
});

test('a tail that fits nobody, or two people at once, picks nobody (they need an invite code)', () => {
  expect(pickByNameAndTail([entry('13800001001')], '9999')).toBeNull();
  expect(pickByNameAndTail([entry('13800001001'), entry('13900001001')], '1001')).toBeNull();
});

test('a member who moved out (转出) or died cannot be picked', () => {
  expect(pickByNameAndTail([entry('13800001001', '转出')], '1001')).toBeNull();
  expect(endsBinding('去世')).toBe(true);
  expect(endsBinding('流动党员')).toBe(false);
});

test('an entry bound to someone else, or a user bound elsewhere, is refused; the same pair again is fine', () => {
  expect(bindConflict(entry('1', '正常', 'o_other'), { openid: 'o_me', boundRosterId: null }, 'r1')?.code).toBe('ROSTER.ALREADY_BOUND');
  expect(bindConflict(entry('1'), { openid: 'o_me', boundRosterId: 'r2' }, 'r1')?.code).toBe('ROSTER.USER_BOUND');
  expect(bindConflict(entry('1', '正常', 'o_me'), { openid: 'o_me', boundRosterId: 'r1' }, 'r1')).toBeNull();
});

test('invite codes are 8 characters people can read out (no 0, O, 1 or I)', () => {
  let n = 0;
  const code = newInviteCode((max) => (n += 7) % max);
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
});
