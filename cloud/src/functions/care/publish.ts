/**
 * A reminder as push-engine jobs: the members of the addressed nodes in one broadcast job, and — when deputies or staff
 * are addressed too — their openids in a second, personal job (an engine audience is either nodes or named users).
 * Each job's id comes from its origin, so publishing the same reminder again finds the jobs it made (infra/push publishJob).
 */
import type { OrgNodeDoc } from '../../../../src/shared/identity';
import { templateTime } from '../../../../src/shared/notify';
import type { PushJobDoc } from '../../../../src/shared/push';
import { buildJob } from '../../domain/push/job';
import { staffOpenids } from '../../infra/care';
import type { Database, Stored } from '../../infra/database';
import { publishJob } from '../../infra/push';

export interface ReminderRequest {
  /** `care-festival` / `care-adhoc` and the reminder's own key (festival:year, or caller:requestId). */
  origin: { feature: string; key: string };
  orgIds: string[];
  deputies: boolean;
  staff: boolean;
  title: string;
  text: string;
  sendAt: number;
  scopePath: string[];
  by: { openid: string; name: string };
}

/** WeChat's `thing` fields take 20 characters: cut, never fail a send for length. */
const thing = (value: string): string => (Array.from(value).length > 20 ? `${Array.from(value).slice(0, 19).join('')}…` : value);

export async function publishReminder(
  db: Database,
  orgs: ReadonlyArray<Stored<OrgNodeDoc>>,
  request: ReminderRequest,
  now: number,
): Promise<{ job: Stored<PushJobDoc>; created: boolean; staffJob: Stored<PushJobDoc> | null }> {
  const message = {
    kind: 'care',
    title: request.title,
    body: request.text,
    link: null,
    template: 'notice' as const,
    values: { thing1: thing(request.title), thing2: thing(request.text), time3: templateTime(Math.max(now, request.sendAt)) },
  };
  const common = { message, sendAt: request.sendAt, scopePath: request.scopePath, by: request.by };
  const members = await publishJob(db, orgs, buildJob({ ...common, origin: request.origin, audience: { orgIds: request.orgIds } }, now), now);
  let staffJob: Stored<PushJobDoc> | null = null;
  const openids = await staffOpenids(db, orgs, request.orgIds, request);
  if (openids.length > 0) {
    const origin = { feature: request.origin.feature, key: `${request.origin.key}:staff` };
    staffJob = (await publishJob(db, orgs, buildJob({ ...common, origin, audience: { openids } }, now), now)).job;
  }
  return { ...members, staffJob };
}
