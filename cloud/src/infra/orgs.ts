/**
 * The organisation tree (`orgs`): district → street → community → branch. One deployment serves one district, a few
 * hundred nodes at most, so the whole tree is one page of 1000.
 */
import { AppError, ErrorCodes } from '../../../src/shared/errors';
import type { OrgNodeDoc } from '../../../src/shared/identity';
import type { Database, Stored } from './database';

export const orgsOf = (db: Database) => db.collection<OrgNodeDoc>('orgs');

/** Every node, in the order staff arranged them. */
export async function allOrgs(db: Database): Promise<Array<Stored<OrgNodeDoc>>> {
  return orgsOf(db).orderBy('order', 'asc').limit(1000).get();
}

/** The node, or null. */
export async function findOrg(db: Database, id: string): Promise<Stored<OrgNodeDoc> | null> {
  return (await orgsOf(db).where({ _id: id }).limit(1).get())[0] ?? null;
}

/** The node, or ORG.NOT_FOUND. */
export async function loadOrg(db: Database, id: string): Promise<Stored<OrgNodeDoc>> {
  const org = await findOrg(db, id);
  if (!org) throw new AppError(ErrorCodes.ORG_NOT_FOUND, '没有找到这个街道或社区');
  return org;
}

/** The nodes among these ids (missing ones left out). */
export async function orgsByIds(db: Database, ids: readonly string[]): Promise<Array<Stored<OrgNodeDoc>>> {
  return ids.length ? orgsOf(db).where({ _id: db.command.in([...ids]) }).limit(1000).get() : [];
}
