/**
 * The push engine's storage: `push_jobs`, `push_deliveries` (one per job and recipient), `push_broadcasts` (the one
 * stored copy of a broadcast), the read marks in `inbox`, and — behind `audienceRepo` only — the roster entries an
 * audience resolves to (members bound to WeChat are recipients; current members who are not are unreachable).
 */
import type { OrgNodeDoc } from '../../../src/shared/identity';
import { emptyCounts, type BroadcastDoc, type DeliveryDoc, type DeliveryState, type PushCounts, type PushJobDoc } from '../../../src/shared/push';
import { addressesMembers, broadcastOf, modeOf, needsWorker } from '../domain/push/job';
import type { Recipient, WorkerPorts } from '../domain/push/worker';
import { isDuplicateKey } from './cloud';
import type { Database, Filter, Stored } from './database';
import { notifyPorts } from './notifier';
import { roleHolderOpenids } from './users';

/** The fields of a roster entry (`roster`, src/shared/roster) an audience needs. */
interface RosterEntry {
  _id: string;
  branchId: string;
  orgPath: string[];
  name: string;
  status: string;
  tags: string[];
  boundOpenid: string | null;
}

/** The visibleAt of a paused broadcast that was not shown yet: never reached until staff resume it. */
export const HIDDEN = 8_000_000_000_000_000;

/** 正常 and 流动党员 are current members; 转出, 去世, 停止党籍 are never addressed. */
const CURRENT = ['正常', '流动党员'];

/** A cursor past the members, into the named users (deputies and staff after the members of the same job). */
const NAMED = '#';

/** Who an audience of org nodes (and tags) is, from the roster; named users (and resolved role holders) after them. */
export function audienceRepo(db: Database) {
  const roster = db.collection<RosterEntry>('roster');
  const _ = db.command;
  const filter = (job: Pick<PushJobDoc, 'audience'>, bound: boolean): Filter => ({
    orgPath: _.in(job.audience.orgIds),
    // A status filter narrows the current members; it never reaches 转出, 去世 or 停止党籍.
    status: _.in(job.audience.statuses?.length ? CURRENT.filter((status) => job.audience.statuses?.includes(status)) : CURRENT),
    boundOpenid: bound ? _.neq(null) : null,
    ...(job.audience.tags.length > 0 ? { tags: _.in(job.audience.tags) } : {}),
  });
  const members = (job: Pick<PushJobDoc, 'audience'>): boolean => addressesMembers(job.audience);
  const named = (job: Pick<PushJobDoc, 'audience'>, start: number, limit: number, prefix: string): Recipient[] =>
    job.audience.openids.slice(start, start + limit).map((openid, index) => ({ openid, cursor: `${prefix}${start + index + 1}` }));
  return {
    async countReachable(job: Pick<PushJobDoc, 'audience'>): Promise<number> {
      return (members(job) ? await roster.where(filter(job, true)).count() : 0) + job.audience.openids.length;
    },
    async countUnreachable(job: Pick<PushJobDoc, 'audience'>): Promise<number> {
      return members(job) ? roster.where(filter(job, false)).count() : 0;
    },
    /** Members of the audience not bound to WeChat, by name. */
    async unreachable(job: Pick<PushJobDoc, 'audience'>, limit: number): Promise<Array<Stored<RosterEntry>>> {
      if (!members(job)) return [];
      return roster.where(filter(job, false)).orderBy('name', 'asc').limit(limit).get();
    },
    /** Of these openids, those of members the job addresses (bound roster entries matching it). */
    async boundAmong(job: Pick<PushJobDoc, 'audience'>, openids: readonly string[]): Promise<Set<string>> {
      if (!members(job) || openids.length === 0) return new Set();
      const found = await roster.where({ ...filter(job, true), boundOpenid: _.in([...openids]) }).field({ boundOpenid: true }).limit(1000).get();
      return new Set(found.map((entry) => entry.boundOpenid ?? ''));
    },
    /**
     * Reachable recipients after `cursor`: members by roster id, then the named users by position (cursor `#<n>`); a job
     * of named users only keeps its plain position cursor.
     */
    async after(job: PushJobDoc, cursor: string, limit: number): Promise<Recipient[]> {
      if (!members(job)) return named(job, cursor ? Number(cursor) : 0, limit, '');
      if (cursor.startsWith(NAMED)) return named(job, Number(cursor.slice(NAMED.length)), limit, NAMED);
      const found = await roster
        .where({ ...filter(job, true), _id: _.gt(cursor) })
        .orderBy('_id', 'asc')
        .limit(limit)
        .field({ _id: true, boundOpenid: true })
        .get();
      const batch = found.map((entry) => ({ openid: entry.boundOpenid ?? '', cursor: entry._id })).filter((item) => item.openid);
      return found.length < limit ? [...batch, ...named(job, 0, limit - found.length, NAMED)] : batch;
    },
  };
}

/** Organisation nodes (the tree's repository, infra/orgs; this name kept for the features that publish jobs). */
export { allOrgs as orgNodes } from './orgs';

export function jobsRepo(db: Database) {
  const jobs = db.collection<PushJobDoc>('push_jobs');
  const deliveries = db.collection<DeliveryDoc>('push_deliveries');
  const broadcasts = db.collection<BroadcastDoc>('push_broadcasts');
  const _ = db.command;
  return {
    async byId(id: string): Promise<Stored<PushJobDoc> | null> {
      return (await jobs.where({ _id: id }).limit(1).get())[0] ?? null;
    },
    /** Adds the job unless its origin made one already; resolves the stored job and whether this call made it. */
    async addOnce(job: PushJobDoc): Promise<{ job: Stored<PushJobDoc>; created: boolean }> {
      try {
        await jobs.add(job);
        return { job, created: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const existing = await this.byId(job._id);
        if (!existing) throw error;
        return { job: existing, created: false };
      }
    },
    /** Stores the broadcast copy (once: a retried publish finds it there). */
    async addBroadcast(doc: BroadcastDoc): Promise<void> {
      try {
        await broadcasts.add(doc);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    /** Moves when a broadcast shows (a paused one waits at HIDDEN until resumed). */
    async setVisibleAt(id: string, at: number): Promise<void> {
      await broadcasts.where({ _id: id }).update({ visibleAt: at });
    },
    /** Shows a broadcast a pause hid (one already shown keeps its time and place in the inbox). */
    async unhide(id: string, at: number): Promise<void> {
      await broadcasts.where({ _id: id, visibleAt: HIDDEN }).update({ visibleAt: at });
    },
    async removeBroadcast(id: string): Promise<void> {
      await broadcasts.where({ _id: id }).remove();
    },
    async setCounts(id: string, counts: PushCounts, now: number): Promise<void> {
      await jobs.doc(id).update({ counts, updatedAt: now });
    },
    /** Moves the job from one of `from` to `to`; false when it was in none of them (someone else moved it first). */
    async transition(id: string, from: readonly string[], to: string, now: number, extra: Record<string, unknown> = {}): Promise<boolean> {
      return (await jobs.where({ _id: id, status: _.in([...from]) }).update({ status: to, updatedAt: now, ...extra })).updated === 1;
    },
    async page(orgId: string, offset: number, limit: number): Promise<Array<Stored<PushJobDoc>>> {
      return jobs.where({ scopePath: orgId }).orderBy('createdAt', 'desc').skip(offset).limit(limit).get();
    },
    /** Counts from the delivery records: the truth after any crash. */
    async recount(job: PushJobDoc): Promise<PushCounts> {
      const rows = await deliveries
        .aggregate()
        .match({ jobId: job._id })
        .group({ _id: { state: '$state', code: '$code' }, n: { $sum: 1 } })
        .end<{ _id: { state: DeliveryState; code: number | null }; n: number }>();
      const counts: PushCounts = { ...emptyCounts(), recipients: job.counts.recipients, unreachable: job.counts.unreachable };
      let total = 0;
      for (const { _id: key, n } of rows) {
        total += n;
        if (key.state !== 'sending') counts.processed += n;
        if (key.state === 'sent') counts.sent += n;
        else if (key.state === 'no_credit') counts.noCredit += n;
        else if (key.state === 'unknown') counts.unknown += n;
        else if (key.state === 'failed') {
          counts.failed += n;
          const code = String(key.code ?? -1);
          counts.failedCodes[code] = (counts.failedCodes[code] ?? 0) + n;
        }
      }
      // A broadcast reached everyone addressed when it was stored; a personal job one inbox entry per record.
      counts.reached = job.mode === 'broadcast' ? job.counts.reached : total;
      return counts;
    },
  };
}

/** The worker's ports over the database and the open API. */
export function workerPorts(db: Database, clock: () => number = Date.now): WorkerPorts {
  const jobs = db.collection<PushJobDoc>('push_jobs');
  const deliveries = db.collection<DeliveryDoc>('push_deliveries');
  const _ = db.command;
  const repo = jobsRepo(db);
  const audience = audienceRepo(db);
  const notify = notifyPorts(db, clock);
  return {
    addInbox: notify.addInbox,
    claim: notify.claim,
    settle: notify.settle,
    takeCredit: notify.takeCredit,
    giveBackCredit: notify.giveBackCredit,
    clearCredits: notify.clearCredits,
    send: notify.send,
    log: notify.log,
    clock,
    runnable: (now, limit) =>
      jobs.where({ status: _.in(['scheduled', 'running']), sendAt: _.lte(now) }).orderBy('sendAt', 'asc').limit(limit).get(),
    lease: async (jobId, by, until, at) =>
      (await jobs.where({ _id: jobId, status: _.in(['scheduled', 'running']), leaseUntil: _.lt(at) }).update({ leaseUntil: until, leaseBy: by, status: 'running', updatedAt: at }))
        .updated === 1,
    release: async (jobId, by) => {
      await jobs.where({ _id: jobId, leaseBy: by }).update({ leaseUntil: 0 });
    },
    job: (jobId) => repo.byId(jobId),
    recipients: (job, cursor, limit) => audience.after(job, cursor, limit),
    advance: async (jobId, by, cursor, outcomes, at) => {
      const inc: Record<string, unknown> = {};
      const add = (field: string, n: number): void => {
        if (n > 0) inc[field] = _.inc(n);
      };
      const personal = (await repo.byId(jobId))?.mode === 'personal';
      add('counts.processed', outcomes.filter((item) => item.state !== 'sending').length);
      if (personal) add('counts.reached', outcomes.length);
      add('counts.sent', outcomes.filter((item) => item.state === 'sent').length);
      add('counts.noCredit', outcomes.filter((item) => item.state === 'no_credit').length);
      const failed = outcomes.filter((item) => item.state === 'failed');
      add('counts.failed', failed.length);
      const codes = new Map<string, number>();
      for (const item of failed) codes.set(String(item.code ?? -1), (codes.get(String(item.code ?? -1)) ?? 0) + 1);
      for (const [code, n] of codes) add(`counts.failedCodes.${code}`, n);
      return (await jobs.where({ _id: jobId, leaseBy: by, leaseUntil: _.gt(at) }).update({ cursor, updatedAt: at, ...inc })).updated === 1;
    },
    markUnknown: async (jobId, at) => (await deliveries.where({ jobId, state: 'sending' }).update({ state: 'unknown', at })).updated,
    recount: (job) => repo.recount(job),
    finish: async (jobId, by, counts, at) => {
      await jobs.where({ _id: jobId, leaseBy: by }).update({ counts, updatedAt: at });
      await jobs.where({ _id: jobId, status: 'running' }).update({ status: 'done', finishedAt: at, updatedAt: at });
    },
    countSlice: async (jobId) => {
      await jobs.doc(jobId).update({ slices: _.inc(1) });
    },
    cancelledOpen: (limit) => jobs.where({ status: 'cancelled', finishedAt: null }).orderBy('sendAt', 'asc').limit(limit).get(),
    leaseCancelled: async (jobId, by, until, at) =>
      (await jobs.where({ _id: jobId, status: 'cancelled', finishedAt: null, leaseUntil: _.lt(at) }).update({ leaseUntil: until, leaseBy: by, updatedAt: at })).updated === 1,
    closeCancelled: async (jobId, by, counts, at) => {
      await jobs.where({ _id: jobId, leaseBy: by, status: 'cancelled' }).update({ counts, finishedAt: at, updatedAt: at });
    },
  };
}

/**
 * Stores a built job (domain/push/job.ts buildJob) with its counts and, for a broadcast, its one stored copy naming every
 * branch below the addressed nodes; a broadcast without a WeChat message is complete at once. Publishing the same
 * origin again finds the first job (`created: false`). Every feature publishes through this.
 */
export async function publishJob(db: Database, orgs: ReadonlyArray<Stored<OrgNodeDoc>>, job: PushJobDoc, now: number): Promise<{ job: Stored<PushJobDoc>; created: boolean }> {
  const audience = audienceRepo(db);
  const jobs = jobsRepo(db);
  await resolveRoles(db, orgs, job);
  job.counts.recipients = await audience.countReachable(job);
  job.counts.unreachable = await audience.countUnreachable(job);
  if (job.mode === 'broadcast') job.counts.reached = job.counts.recipients;
  if (!needsWorker(job)) {
    job.counts.processed = job.counts.recipients;
    job.status = job.sendAt > now ? 'scheduled' : 'done';
    if (job.status === 'done') job.finishedAt = now;
  }
  const branches = orgs.filter((org) => org.kind === 'branch' && job.audience.orgIds.some((id) => org.path.includes(id))).map((org) => org._id);
  // The broadcast copy first: a retry that finds the job made is then sure its copy is there too.
  const broadcast = broadcastOf(job, branches);
  if (broadcast) await jobs.addBroadcast(broadcast);
  return jobs.addOnce(job);
}

/**
 * Deputies and staff under the addressed nodes become named recipients of the job (as they are when it is published),
 * leaving out those the job reaches as members already, so nobody gets or counts it twice; the job is then personal.
 */
async function resolveRoles(db: Database, orgs: ReadonlyArray<Stored<OrgNodeDoc>>, job: PushJobDoc): Promise<void> {
  const roles = job.audience.roles ?? [];
  const deputies = roles.includes('deputy');
  const staff = roles.includes('staff');
  if (!deputies && !staff) return;
  const holders = await roleHolderOpenids(db, orgs, job.audience.orgIds, { deputies, staff });
  const asMembers = await audienceRepo(db).boundAmong(job, holders);
  job.audience.openids = [...new Set([...job.audience.openids, ...holders.filter((openid) => !asMembers.has(openid))])];
  job.mode = modeOf(job.audience, Object.keys(job.message.personal).length > 0 || Object.keys(job.message.texts ?? {}).length > 0);
}
