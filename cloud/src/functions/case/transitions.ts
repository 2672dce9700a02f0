/**
 * Every step of the case state machine through one path: load the case (and what the step needs), let the domain's
 * applyTransition decide, persist it conditionally on the case as read (CASE.CONFLICT when someone else won), append the
 * audit event, then tell followers and handlers.
 */
import { defaultCalendar } from '../../../../src/shared/calendar';
import type { CaseHandler } from '../../../../src/shared/cases/model';
import { relationsOf, type Actor } from '../../../../src/shared/cases/relations';
import { STATE_LABELS, TRANSITIONS, edgeAllows, type TransitionName } from '../../../../src/shared/cases/states';
import type { TransitionOutcome } from '../../../../src/shared/contracts/case';
import type { Caller } from '../../../../src/shared/identity';
import { AppError, ErrorCodes, forbidden } from '../../../../src/shared/errors';
import type { StudioDoc } from '../../../../src/shared/studios';
import type { RequestContext } from '../../app/serve';
import { applyTransition, type CaseCommand, type CaseEnv } from '../../domain/cases/machine';
import { canRead, caseNotFound } from '../../domain/cases/visibility';
import type { Database } from '../../infra/database';
import { announce } from './notices';
import { loadCalendar, loadCategories, loadStudio } from './reference';
import { loadCase, saveCase, type StoredCase } from './store';

/** The caller as the case rules see them. */
export function actorOf(caller: Caller): Actor {
  return { openid: caller.openid, name: caller.name, roles: { deputyStudioIds: caller.deputyStudioIds, adminOrgIds: caller.adminOrgIds } };
}

/**
 * Throws AUTH.FORBIDDEN when the caller stands in no relation to the case that could ever take the step; a resident
 * who may not even read the case gets CASE.NOT_FOUND, as for an unknown id (residents cannot probe for cases).
 */
export function requireMayTry(doc: StoredCase, actor: Actor, name: TransitionName): void {
  const relations = relationsOf(doc, actor);
  if (TRANSITIONS[name].edges.some((edge) => edgeAllows(edge, relations))) return;
  const staff = actor.roles.deputyStudioIds.length > 0 || actor.roles.adminOrgIds.length > 0;
  if (!staff && !canRead(doc, actor)) throw caseNotFound();
  throw forbidden(`你不能对这件意见进行“${TRANSITIONS[name].label}”操作`);
}

// Steps whose rules read the working-day calendar or the category limits.
const NEEDS_ENV: ReadonlySet<TransitionName> = new Set(['assign', 'extend', 'rate']);

/** A command, with the studio read to build it (its deputies are told of a new task without reading it again). */
export interface Built {
  command: CaseCommand;
  studio?: StudioDoc;
}

interface StepOptions {
  /** Builds the command once the case is loaded and the caller may try the step (may read more, e.g. a studio). */
  command: (doc: StoredCase) => Promise<Built> | Built;
  /** Runs before anything is stored (e.g. the content check of a reply). */
  check?: () => Promise<void>;
}

/** Runs one transition for the caller and answers the case's new state. */
export async function step(ctx: RequestContext, caseId: string, name: TransitionName, options: StepOptions): Promise<TransitionOutcome> {
  const { db, now, caller } = ctx;
  const needsEnv = NEEDS_ENV.has(name);
  const [doc, calendar, categories] = await Promise.all([
    loadCase(db, caseId),
    needsEnv ? loadCalendar(db, now) : Promise.resolve(defaultCalendar),
    needsEnv ? loadCategories(db) : Promise.resolve([]),
  ]);
  const actor = actorOf(caller);
  requireMayTry(doc, actor, name);
  const { command, studio } = await options.command(doc);
  const env: CaseEnv = { now, calendar, categories };
  const { next, event } = applyTransition(doc, command, actor, env);
  await options.check?.();
  const saved = await saveCase(db, doc, next, [event]);
  await announce(db, ctx.notify, saved, event, studio);
  return { id: saved._id, state: saved.state, stateLabel: STATE_LABELS[saved.state], version: saved.version };
}

/** The handler for 批办 / 转办: a studio, and optionally one of its deputies (who must serve there). */
export async function handlerFor(db: Database, studioId: string, deputyOpenid: string | undefined): Promise<{ handler: CaseHandler; studio: StudioDoc }> {
  const studio = await loadStudio(db, studioId);
  if (!deputyOpenid) return { handler: { studioId: studio._id }, studio };
  const deputyName = studio.deputies[deputyOpenid];
  if (deputyName === undefined) {
    throw new AppError(ErrorCodes.INPUT_INVALID, `这位代表不在${studio.name}`, { fields: { deputyOpenid: '这位代表不在该工作室' } });
  }
  return { handler: { studioId: studio._id, deputyOpenid, deputyName }, studio };
}
