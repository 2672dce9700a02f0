/**
 * `push`: 通知公告 for staff (publish, list with progress, pause/resume/cancel, who cannot be reached) and the timer
 * trigger `worker` (every minute), which sends subscribe messages in slices well inside the 60 s limit.
 * WeChat allows one timer trigger per function: this function's is the worker; the daily 政治生日 run and the
 * festival reminders get functions (and triggers) of their own and only publish jobs, which this worker delivers.
 */
import { randomUUID } from 'node:crypto';
import { push } from '../../../../src/shared/contracts/push';
import { AppError } from '../../../../src/shared/errors';
import type { OrgNodeDoc } from '../../../../src/shared/identity';
import { jobPercent, PUSH_ROLE_LABEL, type PushJobDoc, type PushJobView } from '../../../../src/shared/push';
import { templateTime } from '../../../../src/shared/notify';
import { serve, type RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { buildJob, STEERS, steerRefusal } from '../../domain/push/job';
import { runSlice, WORKER_DEFAULTS } from '../../domain/push/worker';
import type { Stored } from '../../infra/database';
import { audienceRepo, HIDDEN, jobsRepo, orgNodes, publishJob, workerPorts } from '../../infra/push';

export const main = serve(
  push,
  {
    publish: async (input, ctx) => {
      const { caller, db, now } = ctx;
      const orgs = await orgNodes(db);
      const scope = orgs.find((org) => org._id === input.orgId);
      if (!scope) throw new AppError('ORG.NOT_FOUND', '没有找到这个组织');
      requireScope(caller, scope.path);
      const chosen = input.branchIds.length > 0 ? input.branchIds : [scope._id];
      for (const branchId of chosen) {
        const node = orgs.find((org) => org._id === branchId);
        if (!node || !node.path.includes(scope._id)) throw new AppError('ORG.NOT_FOUND', '所选支部不在发布范围内', { fields: { branchIds: '所选支部不在发布范围内' } });
      }
      const job = buildJob(
        {
          origin: { feature: 'notice', key: `${caller.openid}:${input.requestId}` },
          audience: { orgIds: chosen, tags: input.tags, statuses: input.statuses, roles: input.roles },
          message: {
            kind: 'notice',
            title: input.title,
            body: input.body,
            // The whole notice is in 消息中心; its WeChat message opens that page.
            link: null,
            template: input.subscribe ? 'notice' : null,
            values: { thing1: input.title, thing2: input.body, time3: templateTime(input.sendAt ?? now) },
          },
          sendAt: input.sendAt,
          scopePath: scope.path,
          by: { openid: caller.openid, name: caller.name },
        },
        now,
      );
      const { job: stored, created } = await publishJob(db, orgs, job, now);
      return { job: view(stored, orgs), created };
    },
    jobs: async ({ orgId, offset, limit }, { caller, db }) => {
      const orgs = await orgNodes(db);
      requireScope(caller, pathOf(orgs, orgId));
      const found = await jobsRepo(db).page(orgId, offset, limit + 1);
      return { items: found.slice(0, limit).map((job) => view(job, orgs)), hasMore: found.length > limit };
    },
    steer: async ({ id, action }, ctx) => {
      const { db, now } = ctx;
      const jobs = jobsRepo(db);
      const job = await ownJob(id, ctx);
      const rule = STEERS[action];
      if (!rule.from.includes(job.status)) {
        // Asked twice (a retry): the job is already where the action leads.
        if (job.status !== rule.to(job, now)) throw steerRefusal(action, job.status);
      } else if (!(await jobs.transition(id, rule.from, rule.to(job, now), now))) {
        throw steerRefusal(action, (await jobs.byId(id))?.status ?? job.status);
      }
      // A broadcast cancelled before its time is never shown; one already shown stays (it was delivered). Paused before
      // its time, it waits hidden; resumed, it shows at its time (or now, if that has passed).
      if (job.mode === 'broadcast' && job.sendAt > now && action === 'cancel') await jobs.removeBroadcast(id);
      if (job.mode === 'broadcast' && job.sendAt > now && action === 'pause') await jobs.setVisibleAt(id, HIDDEN);
      if (job.mode === 'broadcast' && action === 'resume') await jobs.unhide(id, Math.max(job.sendAt, now));
      const after = await jobs.byId(id);
      if (!after) throw new AppError('PUSH.NOT_FOUND', '没有找到这条通知');
      return { job: view(after, await orgNodes(db)) };
    },
    unreachable: async ({ id }, ctx) => {
      const job = await ownJob(id, ctx);
      const orgs = await orgNodes(ctx.db);
      const audience = audienceRepo(ctx.db);
      const members = await audience.unreachable(job, 500);
      return {
        members: members.map((entry) => ({ rosterId: entry._id, name: entry.name, branchName: orgs.find((org) => org._id === entry.branchId)?.name ?? '' })),
        total: await audience.countUnreachable(job),
      };
    },
  },
  {
    worker: async (ctx) => {
      // The trigger's time is whole seconds (and may be a late fire's): what is due by now is due.
      const report = await runSlice(Math.max(ctx.now, Date.now()), workerPorts(ctx.db), { ...WORKER_DEFAULTS, ...sliceOverrides(), workerId: randomUUID() });
      if (report.jobs.length > 0) console.log(`push worker: ${report.processed} recipients in ${report.elapsedMs} ms`, JSON.stringify(report.jobs));
      return report;
    },
  },
);

/** A job inside the caller's scope; someone else's reads as unknown. */
async function ownJob(id: string, { caller, db }: RequestContext): Promise<Stored<PushJobDoc>> {
  const job = await jobsRepo(db).byId(id);
  if (!job) throw new AppError('PUSH.NOT_FOUND', '没有找到这条通知');
  requireScope(caller, job.scopePath, '这条通知');
  return job;
}

function pathOf(orgs: ReadonlyArray<Stored<OrgNodeDoc>>, orgId: string): string[] {
  const org = orgs.find((item) => item._id === orgId);
  if (!org) throw new AppError('ORG.NOT_FOUND', '没有找到这个组织');
  return org.path;
}

function view(job: PushJobDoc, orgs: ReadonlyArray<Stored<OrgNodeDoc>>): PushJobView {
  return {
    id: job._id,
    title: job.message.title,
    body: job.message.body,
    status: job.status,
    sendAt: job.sendAt,
    createdAt: job.createdAt,
    byName: job.byName,
    audienceNames: [
      ...job.audience.orgIds.map((id) => orgs.find((org) => org._id === id)?.name ?? id),
      // Deputies and staff addressed beside (or instead of) the members read as such in the list.
      ...(job.audience.roles ?? []).filter((role) => role !== 'member').map((role) => PUSH_ROLE_LABEL[role]),
    ],
    template: job.message.template,
    counts: job.counts,
    percent: jobPercent(job),
  };
}

/**
 * Slice size for tests on the local emulator only (LIANXIN_PUSH_SLICE_CAP, LIANXIN_PUSH_BATCH): a deployed config can
 * never shrink production slices by a stray variable.
 */
function sliceOverrides(): Partial<typeof WORKER_DEFAULTS> {
  if (process.env.LIANXIN_EMULATOR !== '1') return {};
  const number = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  const overrides: Partial<typeof WORKER_DEFAULTS> = {};
  const cap = number('LIANXIN_PUSH_SLICE_CAP');
  const batch = number('LIANXIN_PUSH_BATCH');
  if (cap) overrides.sliceCap = cap;
  if (batch) overrides.batch = batch;
  return overrides;
}
