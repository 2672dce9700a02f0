/** The caller's `users` document by OPENID, created on their first accepted call (residents never register). */
import { randomInt } from 'node:crypto';
import type { Caller, OrgNodeDoc, UserDoc } from '../../../src/shared/identity';
import { rolesOf } from '../../../src/shared/identity';
import { CloudError, isDuplicateKey } from './cloud';
import type { Database, Stored } from './database';
import { studiosOf } from './studios';

// No 0/O/1/I: the code is read out loud and typed by staff.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Reads a user document, or null when there is none. */
export async function findUser(db: Database, openid: string): Promise<Stored<UserDoc> | null> {
  const found = await db.collection<UserDoc>('users').where({ _id: openid }).limit(1).get();
  return found[0] ?? null;
}

/** Stores a user just found missing; a concurrent first call that wins the insert is simply re-read. */
export async function createUser(db: Database, openid: string, now: number): Promise<Stored<UserDoc>> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const user: UserDoc = { _id: openid, code: newUserCode(), createdAt: now, updatedAt: now };
    try {
      await db.collection<UserDoc>('users').add(user);
      return user;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Either the same openid was created meanwhile (read it) or the code collided (try another).
      const raced = await findUser(db, openid);
      if (raced) return raced;
    }
  }
  throw new CloudError(-1, 'could not allocate a user code');
}

/** The caller as rules see it. */
export function callerOf(user: Stored<UserDoc>): Caller {
  return {
    openid: user._id,
    roles: rolesOf(user),
    name: user.admin?.name ?? user.deputy?.name ?? user.member?.name ?? '',
    code: user.code,
    deputyStudioIds: user.deputy?.studioIds ?? [],
    adminOrgIds: user.admin?.orgIds ?? [],
    memberBranchId: user.member?.branchId ?? null,
    memberOrgPath: user.member?.orgPath ?? [],
    memberRosterId: user.member?.rosterId,
    memberTags: user.member?.tags,
    inboxReadAllAt: user.inboxReadAllAt,
  };
}

/**
 * Openids of the deputies (of studios under the nodes) and staff (managing the nodes or nodes below them): the role
 * holders a 廉政提醒 or a 通知公告 addresses beside the members.
 */
export async function roleHolderOpenids(
  db: Database,
  orgs: ReadonlyArray<Stored<OrgNodeDoc>>,
  under: readonly string[],
  who: { deputies: boolean; staff: boolean },
): Promise<string[]> {
  const _ = db.command;
  const users = db.collection<UserDoc>('users');
  const found = new Set<string>();
  if (who.deputies) {
    const studios = await studiosOf(db).where({ orgPath: _.in([...under]) }).limit(1000).get();
    if (studios.length > 0) {
      const deputies = await users.where({ 'deputy.studioIds': _.in(studios.map((studio) => studio._id)) }).limit(1000).get();
      for (const user of deputies) found.add(user._id);
    }
  }
  if (who.staff) {
    const nodes = orgs.filter((org) => under.some((id) => org.path.includes(id))).map((org) => org._id);
    const admins = await users.where({ 'admin.orgIds': _.in(nodes) }).limit(1000).get();
    for (const user of admins) found.add(user._id);
  }
  return [...found].sort();
}
