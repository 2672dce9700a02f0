/**
 * The roster's storage, one place for every function and timer that reads or writes it: `roster` (entries),
 * `roster_imports` (pending imports, _id = hash of importer + file), `roster_invites` (_id = the one-time code),
 * `roster_tags` (a node's tag list, _id = org node id) and `bind_attempts` (wrong binding tries per user/entry and day).
 * Writes that must not happen twice are keyed (deterministic _id, unique `key`) or conditional (where + updated count).
 */
import type { UserDoc } from '../../../src/shared/identity';
import { DEFAULT_TAGS, type RosterDoc } from '../../../src/shared/roster';
import { isDuplicateKey } from './cloud';
import { readAll, spendAllowance, type Database, type Stored } from './database';

/** A pending or confirmed import: the valid rows to write, and the preview as first shown. */
export interface RosterImportDoc {
  _id: string;
  byOpenid: string;
  orgId: string;
  orgPath: string[];
  fileID: string;
  status: 'pending' | 'running' | 'done';
  /** Valid rows in file order, each with the entry it becomes; emptied once written (no second copy of phones). */
  rows: Array<Omit<RosterDoc, 'createdAt' | 'updatedAt'>>;
  /** How many rows were valid. */
  valid: number;
  /** Rows written so far: confirm continues from here. */
  cursor: number;
  /** Entries this import added (a row already on the roster is not added again). */
  added: number;
  invalid: number;
  total: number;
  /** The preview (error rows first), stored so a repeated preview answers the same. */
  preview: unknown[];
  createdAt: number;
  updatedAt: number;
}

export interface InviteDoc {
  _id: string;
  rosterId: string;
  expiresAt: number;
  usedBy: string | null;
  byOpenid: string;
  createdAt: number;
}

interface TagsDoc {
  _id: string;
  tags: string[];
  byOpenid: string;
  updatedAt: number;
}

interface AttemptDoc {
  _id: string;
  n: number;
  day: string;
}

const PAGE = 1000;

export function rosterRepo(db: Database) {
  const entries = db.collection<RosterDoc>('roster');
  const _ = db.command;
  return {
    /** One entry, or null. */
    async byId(id: string): Promise<Stored<RosterDoc> | null> {
      return (await entries.where({ _id: id }).limit(1).get())[0] ?? null;
    },
    /** Entries of a node's subtree ordered by name, one page. */
    async page(orgId: string, offset: number, limit: number): Promise<Array<Stored<RosterDoc>>> {
      return entries.where({ orgPath: orgId }).orderBy('name', 'asc').skip(offset).limit(limit).get();
    },
    /** Every entry of a node's subtree (pages of 1000), for the export. */
    async all(orgId: string): Promise<Array<Stored<RosterDoc>>> {
      return readAll(entries.where({ orgPath: orgId }).orderBy('name', 'asc'));
    },
    /** Entries holding any of these keys (the duplicate check of an import), in batches. */
    async byKeys(keys: readonly string[]): Promise<Array<Pick<RosterDoc, 'key' | 'branchId' | 'orgPath'>>> {
      const found: Array<Pick<RosterDoc, 'key' | 'branchId' | 'orgPath'>> = [];
      for (let i = 0; i < keys.length; i += 500) {
        const batch = keys.slice(i, i + 500);
        found.push(...(await entries.where({ key: _.in(batch) }).field({ key: true, branchId: true, orgPath: true }).limit(PAGE).get()));
      }
      return found;
    },
    /** Current and former members of this name, anywhere (binding by name + phone tail). */
    async byName(name: string): Promise<Array<Stored<RosterDoc>>> {
      return entries.where({ name }).limit(100).get();
    },
    /** Per branch of the subtree: everyone, current members, bound members. */
    async countsByBranch(orgId: string): Promise<Array<{ branchId: string; total: number; active: number; bound: number }>> {
      const rows = await entries
        .aggregate()
        .match({ orgPath: orgId })
        .group({
          _id: '$branchId',
          total: { $sum: 1 },
          active: { $sum: { $cond: [{ $in: ['$status', ['正常', '流动党员']] }, 1, 0] } },
          bound: { $sum: { $cond: [{ $ifNull: ['$boundOpenid', false] }, 1, 0] } },
        })
        .end<{ _id: string; total: number; active: number; bound: number }>();
      return rows.map((row) => ({ branchId: row._id, total: row.total, active: row.active, bound: row.bound }));
    },
    /** Adds an entry under its own _id; false when it (or the same person, by key) is there already. */
    async addOnce(doc: RosterDoc): Promise<boolean> {
      try {
        await entries.add(doc);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async update(id: string, data: Record<string, unknown>): Promise<void> {
      await entries.doc(id).update(data);
    },
    /** Takes the entry for this user if nobody holds it; false when someone else does. */
    async claim(id: string, openid: string, now: number): Promise<boolean> {
      return (await entries.where({ _id: id, boundOpenid: null }).update({ boundOpenid: openid, boundAt: now, updatedAt: now })).updated === 1;
    },
    /** Gives the entry back, only if this user still holds it. */
    async release(id: string, openid: string, now: number): Promise<boolean> {
      return (await entries.where({ _id: id, boundOpenid: openid }).update({ boundOpenid: null, boundAt: null, updatedAt: now })).updated === 1;
    },
  };
}

/** `users.member`: the member side of a binding, written only under conditions so one user holds one entry. */
export function memberships(db: Database) {
  const users = db.collection<UserDoc>('users');
  const _ = db.command;
  return {
    /** Makes the user a member of the entry's branch unless they already are one (of another entry). */
    async take(openid: string, member: NonNullable<UserDoc['member']>, now: number): Promise<boolean> {
      const taken = await users.where({ _id: openid, member: _.exists(false) }).update({ member, updatedAt: now });
      if (taken.updated === 1) return true;
      const [user] = await users.where({ _id: openid }).field({ member: true }).limit(1).get();
      return user?.member?.rosterId === member.rosterId;
    },
    /** Ends the user's membership of this entry (nothing when they hold another one). */
    async drop(openid: string, rosterId: string, now: number): Promise<void> {
      await users.where({ _id: openid, 'member.rosterId': rosterId }).update({ member: _.remove(), updatedAt: now });
    },
    /** Follows a move of the entry to another branch, a new name or new tags (学习 targets by the copied tags). */
    async move(openid: string, rosterId: string, branchId: string, orgPath: string[], name: string, tags: string[], now: number): Promise<void> {
      await users.where({ _id: openid, 'member.rosterId': rosterId }).update({ 'member.branchId': branchId, 'member.orgPath': orgPath, 'member.name': name, 'member.tags': tags, updatedAt: now });
    },
    async boundRosterId(openid: string): Promise<string | null> {
      const [user] = await users.where({ _id: openid }).field({ member: true }).limit(1).get();
      return user?.member?.rosterId ?? null;
    },
  };
}

export function importsRepo(db: Database) {
  const imports = db.collection<RosterImportDoc>('roster_imports');
  const _ = db.command;
  return {
    async byId(id: string): Promise<Stored<RosterImportDoc> | null> {
      return (await imports.where({ _id: id }).limit(1).get())[0] ?? null;
    },
    /** Stores a preview unless this import exists already (the same file previewed again). */
    async addOnce(doc: RosterImportDoc): Promise<boolean> {
      try {
        await imports.add(doc);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** Moves the cursor forward (never back, whoever of two confirms gets there first) and counts what was added. */
    async advance(id: string, cursor: number, added: number, now: number): Promise<void> {
      if (added > 0) await imports.doc(id).update({ added: _.inc(added) });
      await imports.where({ _id: id, cursor: _.lt(cursor) }).update({ cursor, status: 'running', updatedAt: now });
    },
    /** Marks the import done (true for the one call that did) and drops its copy of the rows. */
    async finish(id: string, now: number): Promise<boolean> {
      return (await imports.where({ _id: id, status: _.neq('done') }).update({ status: 'done', rows: [], updatedAt: now })).updated === 1;
    },
  };
}

export function invitesRepo(db: Database) {
  const invites = db.collection<InviteDoc>('roster_invites');
  return {
    async add(doc: InviteDoc): Promise<boolean> {
      try {
        await invites.add(doc);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async byCode(code: string): Promise<Stored<InviteDoc> | null> {
      return (await invites.where({ _id: code }).limit(1).get())[0] ?? null;
    },
    /** Uses the code once: false when it was used (or is being used) by someone else. */
    async use(code: string, openid: string): Promise<boolean> {
      if ((await invites.where({ _id: code, usedBy: null }).update({ usedBy: openid })).updated === 1) return true;
      return (await this.byCode(code))?.usedBy === openid;
    },
  };
}

/** A node's tag list is the nearest one set on its path (the node itself, then up to the district); default otherwise. */
export function tagsRepo(db: Database) {
  const tags = db.collection<TagsDoc>('roster_tags');
  const _ = db.command;
  return {
    async of(path: readonly string[]): Promise<string[]> {
      const found = await tags.where({ _id: _.in([...path]) }).get();
      for (const id of [...path].reverse()) {
        const doc = found.find((item) => item._id === id);
        if (doc) return doc.tags;
      }
      return [...DEFAULT_TAGS];
    },
    async set(orgId: string, list: string[], byOpenid: string, now: number): Promise<void> {
      await tags.doc(orgId).set({ _id: orgId, tags: list, byOpenid, updatedAt: now });
    },
  };
}

/** Wrong binding tries of a key (user or entry) today; `take` spends one or answers false when none are left. */
export function attemptsRepo(db: Database) {
  const attempts = db.collection<AttemptDoc>('bind_attempts');
  const _ = db.command;
  return {
    async left(key: string, day: string, limit: number): Promise<boolean> {
      const [doc] = await attempts.where({ _id: `${key}-${day}` }).limit(1).get();
      return (doc?.n ?? 0) < limit;
    },
    /** Counts one wrong try (held under concurrency by the conditional _.inc, as the claim limit is). */
    spend(key: string, day: string, limit: number): Promise<boolean> {
      return spendAllowance(attempts, `${key}-${day}`, limit, { day }, _);
    },
  };
}


