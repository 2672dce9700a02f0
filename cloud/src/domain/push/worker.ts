/**
 * The push worker: one timer fire = one slice. WeChat's cloud function dies at 60 s, so a slice stops taking new
 * recipients at `budgetMs` (45 s) or after `sliceCap` recipients, whichever comes first, and the job's cursor (saved
 * after every batch) lets the next fire resume where this one stopped.
 *
 * Exactly once in the inbox, at most once to WeChat, whatever happens:
 * - a job is leased (conditional update on `leaseUntil`) so two workers at once never walk the same job; the lease
 *   outlives the budget, so a live worker never loses it mid-slice;
 * - every recipient's inbox entry and delivery record have deterministic ids (see deliver.ts): a batch redone after a
 *   crash (the cursor was not saved yet) adds nothing and sends nothing twice;
 * - a record still 'sending' when a worker takes the lease was left by a dead worker: it becomes 'unknown', never resent.
 * A paused or cancelled job is re-read before every batch: nothing more goes out once staff stop it.
 * A cancelled job is closed by the next slice once no worker holds it: what a dead worker left 'sending' becomes
 * 'unknown' and its counts are recounted from the records (a cancel never hides a send that may have happened).
 */
import type { DeliveryState, PushCounts, PushJobDoc } from '../../../../src/shared/push';
import { pushInboxId } from '../../../../src/shared/push';
import { claimAndSend, type DeliveryPorts } from './deliver';
import { needsWorker } from './job';

const INBOX_PAGE = '/pages/inbox/index';

export interface Recipient {
  openid: string;
  /** Cursor value after this recipient. */
  cursor: string;
}

export interface WorkerPorts extends DeliveryPorts {
  /** Wall clock (ms): budgets and leases. */
  clock(): number;
  /** Jobs that may run at `now`: scheduled or running, due, oldest first. */
  runnable(now: number, limit: number): Promise<PushJobDoc[]>;
  /** Takes the job for `by` until `until` unless another worker holds it; also moves 'scheduled' to 'running'. */
  lease(jobId: string, by: string, until: number, clock: number): Promise<boolean>;
  release(jobId: string, by: string): Promise<void>;
  job(jobId: string): Promise<PushJobDoc | null>;
  /** The next recipients after `cursor` (reachable members of the audience, or named users), at most `limit`. */
  recipients(job: PushJobDoc, cursor: string, limit: number): Promise<Recipient[]>;
  /** Saves the cursor and adds the batch's outcomes, only while `by` holds the lease; false when it does not. */
  advance(jobId: string, by: string, cursor: string, outcomes: Array<{ state: DeliveryState; code: number | null }>, clock: number): Promise<boolean>;
  /** Turns records of this job still 'sending' into 'unknown'; resolves how many. */
  markUnknown(jobId: string, clock: number): Promise<number>;
  /** The job's counts recomputed from its records (the truth after crashes). */
  recount(job: PushJobDoc): Promise<PushCounts>;
  /** Marks the job done (only from 'running') with its final counts. */
  finish(jobId: string, by: string, counts: PushCounts, clock: number): Promise<void>;
  /** Counts one more slice on the job. */
  countSlice(jobId: string): Promise<void>;
  /** Cancelled jobs not closed yet (no finishedAt), oldest first. */
  cancelledOpen(limit: number): Promise<PushJobDoc[]>;
  /** Takes a cancelled, unclosed job for `by` until `until` unless another worker holds it (its status stays). */
  leaseCancelled(jobId: string, by: string, until: number, clock: number): Promise<boolean>;
  /** Saves the cancelled job's final counts and marks it closed (finishedAt), only while `by` holds it. */
  closeCancelled(jobId: string, by: string, counts: PushCounts, clock: number): Promise<void>;
}

export interface WorkerOptions {
  /** Stop taking recipients after this long (ms). */
  budgetMs: number;
  /** At most this many recipients per slice. */
  sliceCap: number;
  /** Recipients read and saved per batch. */
  batch: number;
  /** Sends in flight at once inside a batch. */
  concurrency: number;
  /** How long a lease holds (ms): longer than the budget plus one batch. */
  leaseMs: number;
  workerId: string;
}

export const WORKER_DEFAULTS: Omit<WorkerOptions, 'workerId'> = { budgetMs: 45_000, sliceCap: 20_000, batch: 200, concurrency: 40, leaseMs: 58_000 };

export interface SliceReport {
  jobs: Array<{ id: string; processed: number; finished: boolean; stopped: 'budget' | 'cap' | 'paused' | 'cancelled' | 'lease' | null }>;
  processed: number;
  elapsedMs: number;
}

/** Runs one slice at trigger time `now`. */
export async function runSlice(now: number, ports: WorkerPorts, options: WorkerOptions): Promise<SliceReport> {
  const started = ports.clock();
  const report: SliceReport = { jobs: [], processed: 0, elapsedMs: 0 };
  const over = (): 'budget' | 'cap' | null =>
    ports.clock() - started >= options.budgetMs ? 'budget' : report.processed >= options.sliceCap ? 'cap' : null;
  for (const due of await ports.runnable(now, 20)) {
    if (over()) break;
    if (!(await ports.lease(due._id, options.workerId, started + options.leaseMs, ports.clock()))) continue;
    try {
      report.jobs.push(await runJob(due._id, ports, options, report, over));
    } finally {
      await ports.release(due._id, options.workerId);
    }
  }
  for (const stopped of await ports.cancelledOpen(20)) {
    if (over()) break;
    if (!(await ports.leaseCancelled(stopped._id, options.workerId, started + options.leaseMs, ports.clock()))) continue;
    try {
      // Nobody holds the job, so a record still 'sending' was left by a worker that died: report it, never send it.
      await ports.markUnknown(stopped._id, ports.clock());
      await ports.closeCancelled(stopped._id, options.workerId, await ports.recount(stopped), ports.clock());
      report.jobs.push({ id: stopped._id, processed: 0, finished: true, stopped: 'cancelled' });
    } finally {
      await ports.release(stopped._id, options.workerId);
    }
  }
  report.elapsedMs = ports.clock() - started;
  return report;
}

async function runJob(
  jobId: string,
  ports: WorkerPorts,
  options: WorkerOptions,
  report: SliceReport,
  over: () => 'budget' | 'cap' | null,
): Promise<SliceReport['jobs'][number]> {
  const entry: SliceReport['jobs'][number] = { id: jobId, processed: 0, finished: false, stopped: null };
  await ports.countSlice(jobId);
  // Whoever held the lease before is gone: what it left 'sending' may or may not have reached WeChat.
  await ports.markUnknown(jobId, ports.clock());
  for (;;) {
    const job = await ports.job(jobId);
    if (!job) return entry;
    if (job.status === 'paused' || job.status === 'cancelled') {
      entry.stopped = job.status;
      return entry;
    }
    // A broadcast without a WeChat message that was scheduled: visible since its time, nothing to send.
    if (!needsWorker(job)) {
      await ports.finish(jobId, options.workerId, { ...job.counts, processed: job.counts.recipients }, ports.clock());
      entry.finished = true;
      return entry;
    }
    const stop = over();
    if (stop) {
      entry.stopped = stop;
      return entry;
    }
    const room = Math.min(options.batch, options.sliceCap - report.processed);
    const batch = await ports.recipients(job, job.cursor, room);
    if (batch.length === 0) {
      await ports.markUnknown(jobId, ports.clock());
      await ports.finish(jobId, options.workerId, await ports.recount(job), ports.clock());
      entry.finished = true;
      return entry;
    }
    const halt = stopWatch(jobId, ports);
    const outcomes = await inParallel(batch, options.concurrency, (recipient) => deliverTo(job, recipient.openid, ports), halt.stopped);
    const settled = outcomes.filter((outcome): outcome is { state: DeliveryState; code: number | null } => outcome !== null);
    // Recipients are taken in order: those not taken (a pause or cancel came in) stay after the cursor.
    if (outcomes.length > 0 && !(await ports.advance(jobId, options.workerId, batch[outcomes.length - 1].cursor, settled, ports.clock()))) {
      entry.stopped = 'lease';
      return entry;
    }
    entry.processed += outcomes.length;
    report.processed += outcomes.length;
  }
}

/** The inbox entry (personal jobs; a broadcast is read from its one stored copy), then the claimed send. */
async function deliverTo(job: PushJobDoc, openid: string, ports: WorkerPorts): Promise<{ state: DeliveryState; code: number | null } | null> {
  const { message } = job;
  const at = ports.clock();
  const own = message.texts?.[openid];
  const link = own?.link !== undefined ? own.link : message.link;
  if (job.mode === 'personal') {
    await ports.addInbox({ _id: pushInboxId(job._id, openid), openid, kind: message.kind, title: own?.title ?? message.title, body: own?.body ?? message.body, link, createdAt: job.sendAt, read: false });
  }
  // A notice without a page of its own opens 消息中心 from the WeChat message.
  const spec = message.template ? { template: message.template, values: { ...message.values, ...message.personal[openid] }, link: link ?? INBOX_PAGE } : null;
  let code: number | null = null;
  const state = await claimAndSend(`${job._id}:${openid}`, job._id, openid, spec, () => at, {
    ...ports,
    // Keep the failure code for the counts without a second read.
    settle: async (id, settledState, settledCode, when) => {
      code = settledCode;
      await ports.settle(id, settledState, settledCode, when);
    },
  });
  return state === null ? null : { state, code };
}

/** How often (ms) a running batch looks whether staff paused or cancelled the job. */
const STOP_CHECK_MS = 1_000;

/** Re-reads the job's status at most once a second while a batch runs: a pause or cancel stops it within about that. */
function stopWatch(jobId: string, ports: WorkerPorts): { stopped: () => Promise<boolean> } {
  let checkedAt = ports.clock();
  let halted = false;
  let checking: Promise<void> | null = null;
  return {
    stopped: async () => {
      if (!halted && ports.clock() - checkedAt >= STOP_CHECK_MS) {
        checking ??= ports.job(jobId).then((job) => {
          halted = !job || job.status === 'paused' || job.status === 'cancelled';
          checkedAt = ports.clock();
          checking = null;
        });
        await checking;
      }
      return halted;
    },
  };
}

/**
 * Runs `work` over `items` with at most `limit` in flight, taking items in order; before taking one it asks `stop`.
 * Resolves the results of the items taken (a prefix of `items`), in item order.
 */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, stop: () => Promise<boolean> = async () => false): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let halted = false;
  const lane = async (): Promise<void> => {
    while (next < items.length && !halted) {
      if (await stop()) {
        halted = true;
        return;
      }
      if (next >= items.length) return;
      const index = next;
      next += 1;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results.slice(0, next);
}

/** Adds a batch's outcomes to counts (the worker's running tally; `recount` is the truth at the end). */
export function addOutcomes(counts: PushCounts, outcomes: ReadonlyArray<{ state: DeliveryState; code: number | null }>, personal: boolean): PushCounts {
  const next: PushCounts = { ...counts, failedCodes: { ...counts.failedCodes } };
  for (const { state, code } of outcomes) {
    next.processed += 1;
    if (personal) next.reached += 1;
    if (state === 'sent') next.sent += 1;
    else if (state === 'no_credit') next.noCredit += 1;
    else if (state === 'failed') {
      next.failed += 1;
      const key = String(code ?? -1);
      next.failedCodes[key] = (next.failedCodes[key] ?? 0) + 1;
    } else if (state === 'unknown') next.unknown += 1;
  }
  return next;
}
