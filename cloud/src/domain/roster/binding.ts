/**
 * Binding a WeChat user to their roster entry, the rules without storage: who may bind to what, how a name + phone
 * tail picks an entry, the one-time invite code, and how many wrong tries a user and an entry each get per day.
 * The caller stores the result in one transaction (entry.boundOpenid + users.member), so one entry binds one user.
 */
import { AppError } from '../../../../src/shared/errors';
import { ACTIVE_STATUSES, type RosterDoc } from '../../../../src/shared/roster';

/** Wrong tries per user and per roster entry in one China day; then only an invite code from staff helps. */
export const BIND_LIMITS = { perUser: 5, perEntry: 5 } as const;
/** Days an invite code stays valid. */
export const INVITE_DAYS = 7;
// No 0/O/1/I: codes are read out or copied from paper.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh 8-character invite code from a random source (0 ≤ random(n) < n). */
export function newInviteCode(random: (max: number) => number): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** One answer for a wrong name, a wrong tail and nobody on the roster: a stranger learns nothing from it. */
export function bindRefused(): AppError {
  return new AppError('ROSTER.BIND_REFUSED', '姓名或手机号后 4 位与名册不一致，请核对；名册上没有手机号的，请向支部要邀请码');
}

export function tooManyTries(): AppError {
  return new AppError('RATE.LIMITED', '今天尝试次数太多了，请明天再试，或向支部要一个邀请码');
}

/**
 * The entry a name + phone tail names: current members of that name whose roster phone ends with the tail.
 * Several (two 张伟 with the same tail) is refused like a miss — staff hand such members an invite code.
 */
export function pickByNameAndTail<E extends Pick<RosterDoc, 'name' | 'phone' | 'status'>>(entries: readonly E[], tail: string): E | null {
  const fits = entries.filter((entry) => ACTIVE_STATUSES.includes(entry.status) && entry.phone.replace(/\D/g, '').endsWith(tail));
  return fits.length === 1 ? fits[0] : null;
}

/** Why an entry cannot take this user now, or null when it can (binding the same pair again is fine: a retry). */
export function bindConflict(entry: Pick<RosterDoc, 'boundOpenid' | 'status'>, user: { openid: string; boundRosterId: string | null }, entryId: string): AppError | null {
  if (!ACTIVE_STATUSES.includes(entry.status)) return bindRefused();
  if (entry.boundOpenid && entry.boundOpenid !== user.openid) {
    return new AppError('ROSTER.ALREADY_BOUND', '这条名册记录已被另一个微信绑定。如不是您本人绑定的，请联系支部解除后再绑');
  }
  if (user.boundRosterId && user.boundRosterId !== entryId) {
    return new AppError('ROSTER.USER_BOUND', '您已绑定了党员身份。如需更换，请联系支部先解除绑定');
  }
  return null;
}

/** Statuses that end membership: a bound user stops being a member of the branch. */
export function endsBinding(status: RosterDoc['status']): boolean {
  return !ACTIVE_STATUSES.includes(status);
}
