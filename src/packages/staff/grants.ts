/** What the 授权管理 section offers an admin: pure functions over the org tree (tested in node). */
import type { GrantLogEntry, OrgNodeView, RoleHolderView } from '../../shared/contracts/account';
import { ORG_KIND_LABEL } from '../../shared/identity';

/** One choice in a scope picker. */
export interface ScopeChoice {
  id: string;
  name: string;
  /** Kind of node, or the node a studio hangs on. */
  hint: string;
  /** Indentation below the admin's own top node(s). */
  depth: number;
}

export interface StudioView {
  id: string;
  name: string;
  orgId: string;
  orgPath: string[];
}

const within = (path: readonly string[], scopeIds: readonly string[]) => scopeIds.some((id) => path.includes(id));

/** Organisation nodes an admin manages — their own nodes and everything below — in tree order (parents first). */
export function orgChoices(nodes: readonly OrgNodeView[], scopeIds: readonly string[]): ScopeChoice[] {
  const inside = nodes.filter((node) => within(node.path, scopeIds));
  const ids = new Set(inside.map((node) => node.id));
  // Levels below the highest of the admin's own nodes on this node's path.
  const depth = (node: OrgNodeView) => node.path.length - 1 - node.path.findIndex((id) => scopeIds.includes(id));
  const ordered: ScopeChoice[] = [];
  const visit = (node: OrgNodeView) => {
    ordered.push({ id: node.id, name: node.name, hint: ORG_KIND_LABEL[node.kind], depth: depth(node) });
    inside.filter((child) => child.parentId === node.id).forEach(visit);
  };
  inside.filter((node) => !node.parentId || !ids.has(node.parentId)).forEach(visit);
  return ordered;
}

/** Studios hanging on a node the admin manages (where they may appoint deputies). */
export function studioChoices(studios: readonly StudioView[], nodes: readonly OrgNodeView[], scopeIds: readonly string[]): ScopeChoice[] {
  const names = new Map(nodes.map((node) => [node.id, node.name]));
  return studios
    .filter((studio) => within(studio.orgPath, scopeIds))
    .map((studio) => ({ id: studio.id, name: studio.name, hint: names.get(studio.orgId) ?? '', depth: 0 }));
}

/** An admin cannot revoke their own admin role (another admin of the scope must); everything else may be revoked. */
export function canRevoke(holder: RoleHolderView): boolean {
  return !(holder.self && holder.role === 'admin');
}

export const GRANTED_ROLE_LABEL = { deputy: '党代表', admin: '管理员' } as const;

/** One line of 授权记录: 赵敏 授予 张三 党代表（东湖街道党代表工作室）. */
export function describeGrant(entry: GrantLogEntry): string {
  const verb = entry.op === 'grant' ? '授予' : '收回';
  return `${entry.byName || '管理员'} ${verb} ${entry.targetName || '（未留姓名）'} ${GRANTED_ROLE_LABEL[entry.role]}（${entry.scopeName}）`;
}
