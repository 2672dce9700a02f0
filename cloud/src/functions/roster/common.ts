/**
 * What the roster's use cases share: the caller's scope (a node or an entry inside it), the branches under a node, the
 * audit trail, an entry's id, and ending a binding from the staff side.
 */
import { createHash } from 'node:crypto';
import { AppError, ErrorCodes, fieldError } from '../../../../src/shared/errors';
import type { OrgNodeDoc } from '../../../../src/shared/identity';
import type { RosterDoc } from '../../../../src/shared/roster';
import type { OutputOf, ParsedOf } from '../../../../src/shared/contract';
import type { roster as contracts } from '../../../../src/shared/contracts/roster';
import type { RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { isDuplicateKey } from '../../infra/cloud';
import type { Stored } from '../../infra/database';
import { allOrgs } from '../../infra/orgs';
import { memberships, rosterRepo } from '../../infra/roster';

type Contracts = typeof contracts;
/** One action's handler, typed from its contract. */
export type Handler<K extends keyof Contracts> = (input: ParsedOf<Contracts[K]>, ctx: RequestContext) => Promise<OutputOf<Contracts[K]>>;

/** One record of `audit_log` for the roster. */
export interface RosterAuditDoc {
  _id?: string;
  type: `roster.${'create' | 'update' | 'move' | 'retire' | 'import' | 'export' | 'invite' | 'bind' | 'unbind' | 'tags'}`;
  byOpenid: string;
  byName: string;
  /** The branch (or node) concerned: audit_log is listed by org. */
  orgId: string;
  targetId: string;
  targetName: string;
  detail: string;
  at: number;
}

/** The org node, checked to lie in the caller's scope, with every node (for names and branches). */
export async function scopedOrg(ctx: RequestContext, orgId: string): Promise<{ org: Stored<OrgNodeDoc>; orgs: Array<Stored<OrgNodeDoc>> }> {
  const orgs = await allOrgs(ctx.db);
  const org = orgs.find((node) => node._id === orgId);
  if (!org) throw fieldError(ErrorCodes.ORG_NOT_FOUND, 'orgId', '没有找到这个组织');
  requireScope(ctx.caller, org.path, org.name);
  return { org, orgs };
}

export async function scopedEntry(ctx: RequestContext, id: string): Promise<Stored<RosterDoc>> {
  const entry = await rosterRepo(ctx.db).byId(id);
  if (!entry) throw notFound();
  requireScope(ctx.caller, entry.orgPath, entry.name);
  return entry;
}

export function branchesUnder(orgs: ReadonlyArray<Stored<OrgNodeDoc>>, orgId: string): Array<Stored<OrgNodeDoc>> {
  return orgs.filter((node) => node.kind === 'branch' && node.path.includes(orgId));
}

/** Ends a binding from the staff side (unbind, or a status that ends membership); the member is told. */
export async function unbindEntry(ctx: RequestContext, entry: Stored<RosterDoc>, reason: string): Promise<boolean> {
  const openid = entry.boundOpenid;
  if (!openid) return false;
  const released = await rosterRepo(ctx.db).release(entry._id, openid, ctx.now);
  await memberships(ctx.db).drop(openid, entry._id, ctx.now);
  if (!released) return false;
  await audit(ctx, 'roster.unbind', entry.branchId, entry._id, entry.name, reason);
  await ctx.notify({
    to: [openid],
    kind: 'roster_unbound',
    title: '您的党员身份绑定已解除',
    body: `${reason}。如有疑问请联系所在支部，需要时可重新绑定。`,
    link: '/pages/me/index',
  });
  return true;
}

export async function audit(ctx: RequestContext, type: RosterAuditDoc['type'], orgId: string, targetId: string, targetName: string, detail: string, id?: string): Promise<void> {
  const doc: RosterAuditDoc = { type, byOpenid: ctx.caller.openid, byName: ctx.caller.name, orgId, targetId, targetName, detail, at: ctx.now };
  try {
    await ctx.db.collection<RosterAuditDoc>('audit_log').add(id ? { _id: id, ...doc } : doc);
  } catch (error) {
    // A keyed record (an import's) written by a concurrent confirm already.
    if (!(id && isDuplicateKey(error))) throw error;
  }
}

/** An entry's id from who the person is: the same person imported or added twice gets the same id. */
export function entryId(key: string): string {
  return `r_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

export function notFound(): AppError {
  return new AppError('ROSTER.NOT_FOUND', '名册中没有找到这位党员');
}
