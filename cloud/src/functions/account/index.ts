/**
 * `account`: the caller's profile and roles, the organisation tree, and role grants. An admin grants and revokes
 * deputy (per studio) and admin (per organisation node) roles only inside their own scope; every grant and
 * revocation is appended to `role_grants` (who, when, what) and the person concerned is notified.
 */
import { account } from '../../../../src/shared/contracts/account';
import type { GrantLogEntry, MeView, OrgNodeView, RoleHolderView } from '../../../../src/shared/contracts/account';
import { AppError, ErrorCodes, fieldError, forbidden } from '../../../../src/shared/errors';
import type { OrgNodeDoc, RoleGrantDoc, UserDoc } from '../../../../src/shared/identity';
import { templateTime } from '../../../../src/shared/notify';
import { requireScope } from '../../domain/access';
import { serve, type RequestContext } from '../../app/serve';
import type { Database, Stored } from '../../infra/database';
import { allOrgs, findOrg, loadOrg, orgsByIds } from '../../infra/orgs';
import { allStudios, findStudio, studiosByIds, studiosOf, studiosUnder } from '../../infra/studios';
import { callerOf, findUser } from '../../infra/users';

const ROLE_LABEL = { deputy: '党代表', admin: '管理员' } as const;

export const main = serve(account, {
  me: async (_input, { caller, db }) => me(db, caller.openid),
  orgTree: async (_input, { db }) => {
    const studios = await allStudios(db);
    return {
      nodes: (await allOrgs(db)).map(orgView),
      studios: studios.map((studio) => ({ id: studio._id, name: studio.name, orgId: studio.orgId, orgPath: studio.orgPath })),
    };
  },

  grantRole: async ({ userCode, role, scopeId, name }, ctx) => {
    const scope = await loadScope(ctx.db, role, scopeId);
    requireScope(ctx.caller, scope.path, scope.name);
    const target = await userByCode(ctx.db, userCode);
    const users = ctx.db.collection<UserDoc>('users');
    const _ = ctx.db.command;
    const scopes = role === 'deputy' ? 'deputy.studioIds' : 'admin.orgIds';
    const grant = { [`${role}.name`]: name, [scopes]: _.addToSet(scopeId), updatedAt: ctx.now };
    // Only the call that adds the role tells the person: a retried or repeated grant (even concurrent) updates the name.
    const fresh = (await users.where({ _id: target._id, [scopes]: _.neq(scopeId) }).update(grant)).updated === 1;
    if (!fresh) await users.doc(target._id).update(grant);
    if (role === 'deputy') {
      await studiosOf(ctx.db).doc(scopeId).update({ [`deputies.${target._id}`]: name });
    }
    await audit(ctx, 'grant', role, target._id, name, scope);
    if (fresh) {
      await ctx.notify({
        to: [target._id],
        kind: 'role_granted',
        title: `您已成为${scope.name}的${ROLE_LABEL[role]}`,
        body: `${ctx.caller.name || '管理员'}于${templateTime(ctx.now)}授予您“${ROLE_LABEL[role]}”角色，范围：${scope.name}。`,
        link: '/pages/me/index',
        push: { template: 'roleChange', values: { phrase1: ROLE_LABEL[role], thing2: scope.name, time3: templateTime(ctx.now) } },
      });
    }
    return { holder: { code: target.code, name, role, scopeId, scopeName: scope.name, self: target._id === ctx.caller.openid } };
  },

  revokeRole: async ({ userCode, role, scopeId }, ctx) => {
    const scope = await loadScope(ctx.db, role, scopeId);
    requireScope(ctx.caller, scope.path, scope.name);
    const target = await userByCode(ctx.db, userCode);
    // An admin cannot lock themselves out; another admin of the scope must do it.
    if (role === 'admin' && target._id === ctx.caller.openid) throw forbidden('不能收回自己的管理员角色');
    const held = role === 'deputy' ? target.deputy?.studioIds ?? [] : target.admin?.orgIds ?? [];
    if (!held.includes(scopeId)) return { revoked: false };
    const _ = ctx.db.command;
    const field = role === 'deputy' ? 'deputy.studioIds' : 'admin.orgIds';
    await ctx.db.collection<UserDoc>('users').doc(target._id).update({ [field]: _.pull(scopeId), updatedAt: ctx.now });
    if (role === 'deputy') {
      await studiosOf(ctx.db).doc(scopeId).update({ [`deputies.${target._id}`]: _.remove() });
    }
    const targetName = (role === 'deputy' ? target.deputy?.name : target.admin?.name) ?? '';
    await audit(ctx, 'revoke', role, target._id, targetName, scope);
    await ctx.notify({
      to: [target._id],
      kind: 'role_revoked',
      title: `您在${scope.name}的${ROLE_LABEL[role]}角色已收回`,
      body: `${ctx.caller.name || '管理员'}于${templateTime(ctx.now)}收回了您的“${ROLE_LABEL[role]}”角色，范围：${scope.name}。`,
      link: '/pages/me/index',
    });
    return { revoked: true };
  },

  roleHolders: async ({ orgId }, ctx) => {
    const org = await loadOrg(ctx.db, orgId);
    requireScope(ctx.caller, org.path, org.name);
    const _ = ctx.db.command;
    const orgs = (await allOrgs(ctx.db)).filter((node) => node.path.includes(orgId));
    const orgIds = orgs.map((node) => node._id);
    const studios = await studiosUnder(ctx.db, orgId);
    const studioIds = studios.map((studio) => studio._id);
    const users = ctx.db.collection<UserDoc>('users');
    const admins = await users.where({ 'admin.orgIds': _.in(orgIds) }).limit(1000).get();
    const deputies = studioIds.length ? await users.where({ 'deputy.studioIds': _.in(studioIds) }).limit(1000).get() : [];
    const names = new Map<string, string>([...orgs.map((node) => [node._id, node.name] as const), ...studios.map((s) => [s._id, s.name] as const)]);
    const holders: RoleHolderView[] = [];
    for (const user of admins) {
      for (const id of user.admin?.orgIds ?? []) {
        if (orgIds.includes(id)) holders.push({ code: user.code, name: user.admin?.name ?? '', role: 'admin', scopeId: id, scopeName: names.get(id) ?? id, self: user._id === ctx.caller.openid });
      }
    }
    for (const user of deputies) {
      for (const id of user.deputy?.studioIds ?? []) {
        if (studioIds.includes(id)) holders.push({ code: user.code, name: user.deputy?.name ?? '', role: 'deputy', scopeId: id, scopeName: names.get(id) ?? id, self: user._id === ctx.caller.openid });
      }
    }
    return { holders: holders.sort((a, b) => a.role.localeCompare(b.role) || a.scopeName.localeCompare(b.scopeName, 'zh') || a.name.localeCompare(b.name, 'zh')) };
  },

  grantLog: async ({ orgId, offset, limit }, ctx) => {
    const org = await loadOrg(ctx.db, orgId);
    requireScope(ctx.caller, org.path, org.name);
    const found = await ctx.db.collection<RoleGrantDoc>('role_grants').where({ scopePath: orgId }).orderBy('at', 'desc').skip(offset).limit(limit + 1).get();
    const entries: GrantLogEntry[] = found.slice(0, limit).map((doc) => ({
      id: doc._id,
      op: doc.op,
      role: doc.role,
      targetName: doc.targetName,
      scopeName: doc.scopeName,
      byName: doc.byName,
      at: doc.at,
    }));
    return { entries, hasMore: found.length > limit };
  },
});

async function me(db: Database, openid: string): Promise<MeView> {
  const user = await findUser(db, openid);
  if (!user) throw new AppError(ErrorCodes.INTERNAL, '用户档案缺失');
  const caller = callerOf(user);
  const studios = await studiosByIds(db, caller.deputyStudioIds, { name: true });
  const scopes = await orgsByIds(db, caller.adminOrgIds);
  const branch = user.member ? await findOrg(db, user.member.branchId) : null;
  return {
    code: user.code,
    roles: caller.roles,
    name: caller.name,
    deputyStudios: studios.map((studio) => ({ id: studio._id, name: studio.name })),
    adminScopes: scopes.map((node) => ({ id: node._id, name: node.name, kind: node.kind })),
    member: user.member ? { branchId: user.member.branchId, branchName: branch?.name ?? '' } : null,
  };
}


function orgView(node: Stored<OrgNodeDoc>): OrgNodeView {
  return { id: node._id, name: node.name, kind: node.kind, parentId: node.parentId, path: node.path };
}


interface Scope {
  id: string;
  name: string;
  path: string[];
}

/** Deputy roles are scoped to a studio, admin roles to an organisation node. */
async function loadScope(db: Database, role: 'deputy' | 'admin', scopeId: string): Promise<Scope> {
  if (role === 'admin') {
    const org = await findOrg(db, scopeId);
    if (!org) throw fieldError(ErrorCodes.ORG_NOT_FOUND, 'scopeId', '没有找到这个街道或社区');
    return { id: org._id, name: org.name, path: org.path };
  }
  const studio = await findStudio(db, scopeId);
  if (!studio) throw fieldError(ErrorCodes.STUDIO_NOT_FOUND, 'scopeId', '没有找到这个党代表工作室');
  return { id: studio._id, name: studio.name, path: studio.orgPath };
}

async function userByCode(db: Database, code: string): Promise<Stored<UserDoc>> {
  const found = await db.collection<UserDoc>('users').where({ code }).get();
  if (!found[0]) throw fieldError(ErrorCodes.USER_NOT_FOUND, 'userCode', `没有编号为 ${code} 的用户，请对方在“我的”页面查看编号`);
  return found[0];
}

async function audit(ctx: RequestContext, op: 'grant' | 'revoke', role: 'deputy' | 'admin', targetOpenid: string, targetName: string, scope: Scope): Promise<void> {
  await ctx.db.collection<Omit<RoleGrantDoc, '_id'>>('role_grants').add({
    op,
    role,
    targetOpenid,
    targetName,
    scopeId: scope.id,
    scopeName: scope.name,
    scopePath: scope.path,
    byOpenid: ctx.caller.openid,
    byName: ctx.caller.name,
    at: ctx.now,
  });
}
