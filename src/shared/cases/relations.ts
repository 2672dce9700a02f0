/** Who the actor is to a case (the relations of the transition table), from the case and the actor's role grants. */
import type { CaseDoc } from './model';
import type { Relation } from './states';

export interface ActorRoles {
  /** Studios where the actor is a deputy (党代表). */
  deputyStudioIds: readonly string[];
  /** Organisation nodes the actor administers (scope covers the subtree). */
  adminOrgIds: readonly string[];
}

/** Someone acting on a case; `system` marks the timer. */
export interface Actor {
  openid: string;
  name: string;
  roles: ActorRoles;
  system?: boolean;
}

/** The fields relations are computed from. */
export type CaseParties = Pick<CaseDoc, 'reporterOpenid' | 'followers' | 'studioId' | 'handler' | 'orgPath'>;

/** Every relation the actor holds to the case, in RELATIONS order; the timer holds only 'system'. */
export function relationsOf(caseDoc: CaseParties, actor: Pick<Actor, 'openid' | 'roles' | 'system'>): Relation[] {
  if (actor.system) return ['system'];
  if (!actor.openid) return [];
  const { openid, roles } = actor;
  const relations: Relation[] = [];
  if (openid === caseDoc.reporterOpenid || caseDoc.followers.includes(openid)) relations.push('reporter');
  const handler = caseDoc.handler;
  if (handler && (handler.deputyOpenid ? handler.deputyOpenid === openid : roles.deputyStudioIds.includes(handler.studioId))) {
    relations.push('handler');
  }
  if (roles.deputyStudioIds.some((id) => id === caseDoc.studioId || id === handler?.studioId)) relations.push('studio_deputy');
  if (roles.adminOrgIds.some((id) => caseDoc.orgPath.includes(id))) relations.push('admin');
  relations.push('signed_in');
  return relations;
}
