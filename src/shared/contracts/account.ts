/** `account`: who am I, the organisation tree, and role grants by admins within their scope. */
import * as v from 'valibot';
import { action, defineFunction, empty, id, page, text, type Role } from '../contract';
import type { OrgKind } from '../identity';

export interface MeView {
  /** Short code to read out to staff when they grant a role. */
  code: string;
  roles: Role[];
  name: string;
  deputyStudios: Array<{ id: string; name: string }>;
  adminScopes: Array<{ id: string; name: string; kind: OrgKind }>;
  member: { branchId: string; branchName: string } | null;
}

export interface OrgNodeView {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  path: string[];
}

export interface RoleHolderView {
  code: string;
  name: string;
  role: 'deputy' | 'admin';
  scopeId: string;
  scopeName: string;
  /** True for the caller's own admin grant (the page does not offer to revoke it). */
  self: boolean;
}

export interface GrantLogEntry {
  id: string;
  op: 'grant' | 'revoke';
  role: 'deputy' | 'admin';
  targetName: string;
  scopeName: string;
  byName: string;
  at: number;
}

const grantedRole = v.picklist(['deputy', 'admin'], '只能授予党代表或管理员');
const userCode = v.pipe(v.string('请输入用户编号'), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{6}$/, '用户编号是 6 位字母或数字'));

export const account = defineFunction('account', {
  me: action({ summary: '当前用户与角色（首次调用时建档）', input: empty, roles: ['resident'], idempotent: true }).returns<MeView>(),
  orgTree: action({ summary: '组织架构（区—街道—社区—支部）与各工作室', input: empty, roles: ['resident'], idempotent: true }).returns<{
    nodes: OrgNodeView[];
    studios: Array<{ id: string; name: string; orgId: string; orgPath: string[] }>;
  }>(),
  grantRole: action({
    summary: '授予党代表（工作室）或管理员（组织节点）角色',
    input: v.object({ userCode, role: grantedRole, scopeId: id('授权的工作室或街道'), name: text('姓名', 20) }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ holder: RoleHolderView }>(),
  revokeRole: action({
    summary: '收回党代表或管理员角色',
    input: v.object({ userCode, role: grantedRole, scopeId: id('授权的工作室或街道') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ revoked: boolean }>(),
  roleHolders: action({
    summary: '本辖区的党代表与管理员',
    input: v.object({ orgId: id('组织') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ holders: RoleHolderView[] }>(),
  grantLog: action({
    summary: '本辖区的授权记录（留痕）',
    input: v.object({ orgId: id('组织'), ...page }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ entries: GrantLogEntry[]; hasMore: boolean }>(),
});
