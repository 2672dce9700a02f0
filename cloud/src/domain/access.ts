/**
 * Who may do what. Two checks, both pure: the contract's roles (may this kind of user call the action at all?) and,
 * for admins, the organisation scope (is the target inside the node they manage?). Handlers call `requireScope`
 * for every scoped action; the role-matrix test tries each action inside and outside an admin's scope.
 */
import type { ActionContract } from '../../../src/shared/contract';
import { forbidden } from '../../../src/shared/errors';
import { adminCovers, SYSTEM_ACTOR, type Caller } from '../../../src/shared/identity';

/** Throws AUTH.FORBIDDEN unless the caller holds one of the action's roles. */
export function requireRole(caller: Caller, contract: Pick<ActionContract, 'roles' | 'summary'>): void {
  if (!contract.roles.some((role) => caller.roles.includes(role))) {
    throw forbidden(`没有权限：${contract.summary}`);
  }
}

/** Throws AUTH.FORBIDDEN unless the admin's scope contains the target (given by its organisation path). */
export function requireScope(caller: Caller, targetPath: readonly string[], what = '该组织'): void {
  if (!adminCovers(caller, targetPath)) throw forbidden(`${what}不在您的管辖范围内`);
}

/** A caller for timer triggers and other server-side work: no WeChat user behind it. */
export function systemCaller(): Caller {
  return { openid: SYSTEM_ACTOR.openid, roles: [], name: SYSTEM_ACTOR.name, code: '', deputyStudioIds: [], adminOrgIds: [], memberBranchId: null };
}
