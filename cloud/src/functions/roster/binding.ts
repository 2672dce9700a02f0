/**
 * 绑定: a member links their WeChat to their roster entry (name + phone tail, or a staff invite code), with wrong tries
 * limited per user and per entry and one user per entry; staff hand out invite codes and unbind.
 */
import { createHash, randomInt } from 'node:crypto';
import { chinaDate, DAY_MS } from '../../../../src/shared/calendar';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import type { RosterDoc } from '../../../../src/shared/roster';
import { BIND_LIMITS, INVITE_DAYS, bindConflict, bindRefused, endsBinding, newInviteCode, pickByNameAndTail, tooManyTries } from '../../domain/roster/binding';
import type { Stored } from '../../infra/database';
import { findOrg } from '../../infra/orgs';
import { attemptsRepo, invitesRepo, memberships, rosterRepo } from '../../infra/roster';
import { audit, scopedEntry, unbindEntry, type Handler } from './common';

export const invite: Handler<'invite'> = async ({ id }, ctx) => {
  const entry = await scopedEntry(ctx, id);
  if (endsBinding(entry.status)) throw new AppError(ErrorCodes.INPUT_INVALID, `该党员状态为${entry.status}，不能绑定`);
  const expiresAt = ctx.now + INVITE_DAYS * DAY_MS;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = newInviteCode((max) => randomInt(max));
    if (await invitesRepo(ctx.db).add({ _id: code, rosterId: entry._id, expiresAt, usedBy: null, byOpenid: ctx.caller.openid, createdAt: ctx.now })) {
      await audit(ctx, 'roster.invite', entry.branchId, entry._id, entry.name, '生成绑定邀请码');
      return { code, expiresAt };
    }
  }
  throw new AppError(ErrorCodes.INTERNAL, '邀请码生成失败，请再试一次');
};

export const unbind: Handler<'unbind'> = async ({ id }, ctx) => {
  const entry = await scopedEntry(ctx, id);
  if (!entry.boundOpenid) return { unbound: false };
  return { unbound: await unbindEntry(ctx, entry, '工作人员解除绑定') };
};

export const bind: Handler<'bind'> = async (input, ctx) => {
  const { db, caller, now } = ctx;
  const repo = rosterRepo(db);
  const day = chinaDate(now);
  const attempts = attemptsRepo(db);
  const boundTo = await memberships(db).boundRosterId(caller.openid);
  const userKey = `u-${createHash('sha256').update(caller.openid).digest('hex').slice(0, 24)}`;
  let entry: Stored<RosterDoc> | null;
  let inviteCode: string | null = null;
  if ('code' in input) {
    const invite = await invitesRepo(db).byCode(input.code);
    // Using one's own code again (a retry) costs nothing.
    const retry = invite !== null && invite.usedBy === caller.openid && boundTo === invite.rosterId;
    if (!retry && !(await attempts.spend(userKey, day, BIND_LIMITS.perUser))) throw tooManyTries();
    if (!invite || (!retry && (invite.expiresAt < now || (invite.usedBy && invite.usedBy !== caller.openid)))) {
      throw new AppError('ROSTER.BIND_REFUSED', '邀请码不对或已失效，请向支部重新要一个');
    }
    entry = await repo.byId(invite.rosterId);
    inviteCode = input.code;
  } else {
    const named = await repo.byName(input.name.replace(/\s+/g, ''));
    const mine = named.find((candidate) => candidate._id === boundTo && candidate.boundOpenid === caller.openid);
    if (mine && mine.phone.replace(/\D/g, '').endsWith(input.phoneTail)) entry = mine;
    else {
      if (!(await attempts.spend(userKey, day, BIND_LIMITS.perUser))) throw tooManyTries();
      // Each entry of that name pays too: many accounts guessing one member's tail run out as fast as one.
      const spent = await Promise.all(named.map((candidate) => attempts.spend(`e-${candidate._id}`, day, BIND_LIMITS.perEntry)));
      if (spent.includes(false)) throw tooManyTries();
      entry = pickByNameAndTail(named, input.phoneTail);
    }
  }
  if (!entry) throw bindRefused();
  const conflict = bindConflict(entry, { openid: caller.openid, boundRosterId: boundTo }, entry._id);
  if (conflict) throw conflict;
  const branch = await findOrg(db, entry.branchId);
  if (entry.boundOpenid !== caller.openid) {
    if (!(await repo.claim(entry._id, caller.openid, now))) {
      throw bindConflict({ ...entry, boundOpenid: 'someone-else' }, { openid: caller.openid, boundRosterId: null }, entry._id) ?? bindRefused();
    }
    const member = { branchId: entry.branchId, rosterId: entry._id, name: entry.name, orgPath: entry.orgPath, tags: entry.tags };
    if (!(await memberships(db).take(caller.openid, member, now))) {
      // Bound to another entry meanwhile (two binds at once): give this one back.
      await repo.release(entry._id, caller.openid, now);
      throw bindConflict(entry, { openid: caller.openid, boundRosterId: 'another' }, entry._id) ?? bindRefused();
    }
    if (inviteCode) await invitesRepo(db).use(inviteCode, caller.openid);
    await audit(ctx, 'roster.bind', entry.branchId, entry._id, entry.name, inviteCode ? '凭邀请码绑定微信' : '凭姓名和手机尾号绑定微信');
  }
  return { branchId: entry.branchId, branchName: branch?.name ?? '', name: entry.name };
};
