/** Who the actor is to a case (the relations of the transition table), from the case and the actor's role grants. */
import type { CaseDoc } from './model';
import { availableTransitions, type Relation, type TransitionName } from './states';

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
  if (openid === caseDoc.reporterOpenid) relations.push('reporter');
  else if (caseDoc.followers.includes(openid)) relations.push('follower');
  const handler = caseDoc.handler;
  if (handler && (handler.deputyOpenid ? handler.deputyOpenid === openid : roles.deputyStudioIds.includes(handler.studioId))) {
    relations.push('handler');
  }
  if (roles.deputyStudioIds.some((id) => id === caseDoc.studioId || id === handler?.studioId)) relations.push('studio_deputy');
  if (roles.adminOrgIds.some((id) => caseDoc.orgPath.includes(id))) relations.push('admin');
  relations.push('signed_in');
  return relations;
}

/**
 * The transitions worth offering this actor as buttons: the table's, minus those the case's data already rules out
 * (claim only for an unclaimed paper form, join only for someone not following, one extension per case, one co-reporter
 * rating per reply); staff of the case are not offered claim or join (the machine would still accept them).
 */
export function actionsFor(
  caseDoc: CaseParties & Pick<CaseDoc, 'state' | 'source' | 'extension' | 'reopenCount' | 'followerRatings'>,
  actor: Pick<Actor, 'openid' | 'roles' | 'system'>,
): TransitionName[] {
  const relations = relationsOf(caseDoc, actor);
  // Staff looking at a case they handle or oversee are not offered the residents' buttons.
  const staff = relations.some((relation) => relation === 'handler' || relation === 'studio_deputy' || relation === 'admin');
  return availableTransitions(caseDoc.state, relations).filter((name) => {
    if (name === 'claim') return !staff && caseDoc.source === 'paper' && !caseDoc.reporterOpenid;
    if (name === 'join') return !staff && !relations.includes('reporter') && !relations.includes('follower');
    if (name === 'co_rate') return !hasRatedThisReply(caseDoc, actor.openid);
    if (name === 'extend') return !caseDoc.extension;
    return true;
  });
}

/** Whether this follower already rated the current reply (their rating is keyed by their place in `followers`). */
export function hasRatedThisReply(caseDoc: Pick<CaseDoc, 'followers' | 'reopenCount' | 'followerRatings'>, openid: string): boolean {
  const follower = caseDoc.followers.indexOf(openid);
  return (caseDoc.followerRatings ?? []).some((rating) => rating.follower === follower && rating.round === caseDoc.reopenCount);
}
