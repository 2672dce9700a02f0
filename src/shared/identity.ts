/** Organisation tree, users and roles as stored and shown. Platform-free. */
import type { Role } from './contract';

/** 国办函〔2026〕12号: one deployment per district; streets/towns, communities and branches are nodes under it. */
/**
 * The one actor of timers and other server-side work (no WeChat user behind it; real openids start with 'o'): audit
 * trails, case events and push jobs record it by this openid and read it as 系统.
 */
export const SYSTEM_ACTOR = Object.freeze({ openid: 'system', name: '系统' });

export type OrgKind = 'district' | 'street' | 'community' | 'branch';

export const ORG_KIND_LABEL: Record<OrgKind, string> = { district: '区', street: '街道/镇', community: '社区', branch: '党支部' };

export interface OrgNodeDoc {
  _id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  /** Ids from the root down to and including this node: "inside the scope of X" is `path` containing X. */
  path: string[];
  order: number;
}

/** `users`, keyed by OPENID (`_id`). Created on a user's first call; residents never register. */
export interface UserDoc {
  _id: string;
  /** Short code the user can read out to staff so they can grant a role (no phone number or name needed). */
  code: string;
  createdAt: number;
  updatedAt: number;
  /** Bound to a roster entry of a branch (binding flow comes with the study roadmap). */
  /** `tags`: the roster entry's tags, copied at binding and on every staff edit (学习 targets by them without a roster read). */
  member?: { branchId: string; rosterId: string; name: string; orgPath: string[]; tags?: string[] };
  /** 党代表: the studios they serve. */
  deputy?: { name: string; studioIds: string[] };
  /** Staff: each id is an organisation node; the admin manages it and everything below it. */
  admin?: { name: string; orgIds: string[] };
  /** When they last tapped 全部已读: every broadcast shown by then reads as read, however old (no mark per broadcast). */
  inboxReadAllAt?: number;
}

/** Role grants are audited: who granted or revoked what, to whom, when. Append-only. */
export interface RoleGrantDoc {
  _id: string;
  op: 'grant' | 'revoke';
  role: 'deputy' | 'admin';
  targetOpenid: string;
  targetName: string;
  /** Studio id for deputy, organisation node id for admin. */
  scopeId: string;
  scopeName: string;
  /** Org path of the scope (for listing grants within an admin's scope). */
  scopePath: string[];
  byOpenid: string;
  byName: string;
  at: number;
}

/** The caller as the cloud sees it: identity from WeChat, roles from `users`. */
export interface Caller {
  openid: string;
  roles: Role[];
  name: string;
  code: string;
  deputyStudioIds: string[];
  adminOrgIds: string[];
  memberBranchId: string | null;
  /** The member's branch and every node above it, and their roster entry (学习 targeting reads tags from it). */
  memberOrgPath?: string[];
  memberRosterId?: string;
  /** The member's roster tags as copied onto their user; absent for a binding made before tags were copied. */
  memberTags?: string[];
  /** See UserDoc.inboxReadAllAt. */
  inboxReadAllAt?: number;
}

/** Roles a user document confers (every user is a resident). */
export function rolesOf(user: Pick<UserDoc, 'member' | 'deputy' | 'admin'>): Role[] {
  const roles: Role[] = ['resident'];
  if (user.member) roles.push('member');
  if (user.deputy && user.deputy.studioIds.length > 0) roles.push('deputy');
  if (user.admin && user.admin.orgIds.length > 0) roles.push('admin');
  return roles;
}

/** True when the admin's scope contains a node whose path is given (its own nodes and everything below them). */
export function adminCovers(caller: Pick<Caller, 'adminOrgIds'>, targetPath: readonly string[]): boolean {
  return caller.adminOrgIds.some((orgId) => targetPath.includes(orgId));
}
