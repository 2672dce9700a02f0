/**
 * The push engine's rules without a cloud: one job per origin, broadcast vs personal, and the worker's slices over
 * in-memory ports — bounded by time and by count, sends in parallel, resumable from the cursor, a record left
 * 'sending' reported unknown and not sent again, and nothing more sent once a job is paused.
 */
import { broadcastOf, buildJob, jobId, modeOf, STEERS } from '../../cloud/src/domain/push/job';
import { inParallel, runSlice, type WorkerPorts } from '../../cloud/src/domain/push/worker';
import type { InboxEntry } from '../../cloud/src/domain/push/deliver';
import { emptyCounts, type DeliveryDoc, type PushJobDoc } from '../../src/shared/push';

const request = (key: string, audience: Record<string, string[]> = { orgIds: ['org-donghu-b1'] }) => ({
  origin: { feature: 'notice', key },
  audience,
  message: { kind: 'notice', title: '支部会议', body: '周六开会', link: '/pages/inbox/index', template: 'notice' as const, values: { thing1: '支部会议' } },
  scopePath: ['org-district', 'org-donghu'],
  by: { openid: 'o_admin', name: '赵敏' },
});

describe('jobs', () => {
  test('the same origin gives the same job id; another key or feature another one', () => {
    expect(jobId({ feature: 'notice', key: 'a' })).toBe(jobId({ feature: 'notice', key: 'a' }));
    expect(jobId({ feature: 'notice', key: 'a' })).not.toBe(jobId({ feature: 'notice', key: 'b' }));
    expect(jobId({ feature: 'birthday', key: 'a' })).not.toBe(jobId({ feature: 'notice', key: 'a' }));
    expect(buildJob(request('a'), 1)._id).toBe(jobId({ feature: 'notice', key: 'a' }));
  });

  test('org nodes alone are a broadcast stored once for the nodes and every branch below; named users or tags are personal', () => {
    expect(modeOf({ orgIds: ['x'], tags: [], openids: [] }, false)).toBe('broadcast');
    expect(modeOf({ orgIds: ['x'], tags: ['流动'], openids: [] }, false)).toBe('personal');
    expect(modeOf({ orgIds: [], tags: [], openids: ['o_1'] }, false)).toBe('personal');
    expect(modeOf({ orgIds: ['x'], tags: [], openids: [] }, true)).toBe('personal');
    // Deputies and staff are named recipients; a job for them alone never shows to the members of the nodes.
    expect(modeOf({ orgIds: ['x'], tags: [], openids: [], roles: ['member'] }, false)).toBe('broadcast');
    expect(modeOf({ orgIds: ['x'], tags: [], openids: [], roles: ['deputy'] }, false)).toBe('personal');
    expect(modeOf({ orgIds: ['x'], tags: [], openids: ['o_deputy'], roles: ['member', 'deputy'] }, false)).toBe('personal');
    const street = buildJob(request('b', { orgIds: ['org-donghu'] }), 5);
    expect(broadcastOf(street, ['org-donghu-b1', 'org-donghu-b2'])).toMatchObject({ targets: ['org:org-donghu', 'org:org-donghu-b1', 'org:org-donghu-b2'], visibleAt: 5 });
    expect(broadcastOf(buildJob(request('c', { orgIds: ['x'], tags: ['流动'] }), 5), [])).toBeNull();
  });

  test('a job for later waits as scheduled; a job without an audience is refused', () => {
    expect(buildJob({ ...request('d'), sendAt: 100 }, 10)).toMatchObject({ status: 'scheduled', sendAt: 100 });
    expect(buildJob({ ...request('e'), sendAt: 1 }, 10)).toMatchObject({ status: 'running', sendAt: 10 });
    expect(() => buildJob(request('f', { orgIds: [] }), 1)).toThrow(expect.objectContaining({ code: 'PUSH.NO_AUDIENCE' }));
  });

  test('pause and cancel apply while sending; resume only to a paused job; nothing after done or cancelled', () => {
    expect(STEERS.pause.from).toEqual(['scheduled', 'running']);
    expect(STEERS.resume.to({ sendAt: 50 }, 10)).toBe('scheduled');
    expect(STEERS.resume.to({ sendAt: 5 }, 10)).toBe('running');
    expect(STEERS.cancel.from).not.toContain('done');
    expect(STEERS.cancel.from).not.toContain('cancelled');
  });
});

/** An in-memory cloud for the worker: a clock that advances by `sendMs` per send, and a WeChat that counts. */
function memory(job: PushJobDoc, openids: string[], options: { sendMs?: number; credits?: boolean } = {}) {
  let now = 1_000_000;
  const jobs = new Map([[job._id, job]]);
  const deliveries = new Map<string, DeliveryDoc>();
  const inbox = new Map<string, InboxEntry>();
  const sent: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const ports: WorkerPorts = {
    clock: () => now,
    addInbox: async (doc) => {
      if (inbox.has(doc._id ?? '')) return false;
      inbox.set(doc._id ?? '', doc);
      return true;
    },
    claim: async (doc) => {
      if (deliveries.has(doc._id)) return false;
      deliveries.set(doc._id, { ...doc });
      return true;
    },
    settle: async (id, state, code) => {
      const doc = deliveries.get(id);
      if (doc) Object.assign(doc, { state, code });
    },
    takeCredit: async () => options.credits ?? true,
    giveBackCredit: async () => undefined,
    clearCredits: async () => undefined,
    send: async (message) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await Promise.resolve();
      now += options.sendMs ?? 0;
      sent.push(message.touser);
      inFlight -= 1;
      return 0;
    },
    log: () => undefined,
    runnable: async () => [...jobs.values()].filter((item) => item.status === 'running' || item.status === 'scheduled'),
    lease: async (id, by, until, at) => {
      const item = jobs.get(id);
      if (!item || item.leaseUntil >= at) return false;
      Object.assign(item, { leaseUntil: until, leaseBy: by, status: 'running' });
      return true;
    },
    release: async (id, by) => {
      const item = jobs.get(id);
      if (item?.leaseBy === by) item.leaseUntil = 0;
    },
    job: async (id) => {
      const item = jobs.get(id);
      return item ? { ...item } : null;
    },
    recipients: async (_job, cursor, limit) => {
      const start = cursor ? Number(cursor) : 0;
      return openids.slice(start, start + limit).map((openid, index) => ({ openid, cursor: String(start + index + 1) }));
    },
    advance: async (id, by, cursor) => {
      const item = jobs.get(id);
      if (!item || item.leaseBy !== by) return false;
      item.cursor = cursor;
      return true;
    },
    markUnknown: async (id) => {
      let n = 0;
      for (const doc of deliveries.values()) {
        if (doc.jobId === id && doc.state === 'sending') {
          doc.state = 'unknown';
          n += 1;
        }
      }
      return n;
    },
    recount: async () => ({ ...emptyCounts(), processed: deliveries.size }),
    finish: async (id) => {
      const item = jobs.get(id);
      if (item?.status === 'running') item.status = 'done';
    },
    countSlice: async () => undefined,
    cancelledOpen: async () => [...jobs.values()].filter((item) => item.status === 'cancelled' && item.finishedAt === null),
    leaseCancelled: async (id, by, until, at) => {
      const item = jobs.get(id);
      if (!item || item.status !== 'cancelled' || item.finishedAt !== null || item.leaseUntil >= at) return false;
      Object.assign(item, { leaseUntil: until, leaseBy: by });
      return true;
    },
    closeCancelled: async (id, by, counts, at) => {
      const item = jobs.get(id);
      if (item?.leaseBy === by) Object.assign(item, { counts, finishedAt: at });
    },
  };
  return { ports, jobs, deliveries, inbox, sent, maxInFlight: () => maxInFlight, expireLease: () => Object.assign(job, { leaseUntil: 0 }) };
}

const users = (n: number): string[] => Array.from({ length: n }, (_, index) => `o_${String(index).padStart(4, '0')}`);
const options = { budgetMs: 45_000, sliceCap: 20_000, batch: 50, concurrency: 10, leaseMs: 58_000, workerId: 'w1' };

describe('the worker', () => {
  test('a slice stops taking recipients once its time budget is spent, and the next slice resumes from the cursor', async () => {
    const job = buildJob(request('slice-time'), 0);
    // Every send moves the clock 1 s: a 45 s budget leaves room for about 45 sends plus the batch in flight.
    const cloud = memory(job, users(300), { sendMs: 1_000 });
    const first = await runSlice(0, cloud.ports, { ...options, concurrency: 1, batch: 10 });
    expect(first.jobs[0]).toMatchObject({ stopped: 'budget', finished: false });
    expect(first.processed).toBeGreaterThanOrEqual(45);
    expect(first.processed).toBeLessThanOrEqual(55);
    expect(first.elapsedMs).toBeLessThan(60_000);
    for (let i = 0; i < 10 && cloud.jobs.get(job._id)?.status === 'running'; i += 1) await runSlice(0, cloud.ports, { ...options, workerId: `w${i + 2}` });
    expect(cloud.jobs.get(job._id)?.status).toBe('done');
    expect(new Set(cloud.sent).size).toBe(300);
    expect(cloud.sent).toHaveLength(300);
  });

  test('a slice takes at most its cap of recipients', async () => {
    const cloud = memory(buildJob(request('slice-cap'), 0), users(120));
    const report = await runSlice(0, cloud.ports, { ...options, sliceCap: 50, batch: 20 });
    expect(report).toMatchObject({ processed: 50, jobs: [{ stopped: 'cap' }] });
  });

  test('sends run concurrently inside a slice, up to the concurrency asked for', async () => {
    const cloud = memory(buildJob(request('parallel'), 0), users(100));
    await runSlice(0, cloud.ports, { ...options, concurrency: 8 });
    expect(cloud.maxInFlight()).toBe(8);
  });

  test('a record left "sending" by a dead worker becomes unknown and is not sent again; the rest go once', async () => {
    const job = buildJob(request('crash'), 0);
    const cloud = memory(job, users(10));
    cloud.deliveries.set(`${job._id}:o_0003`, { _id: `${job._id}:o_0003`, jobId: job._id, openid: 'o_0003', state: 'sending', code: null, at: 0 });
    await runSlice(0, cloud.ports, options);
    expect(cloud.deliveries.get(`${job._id}:o_0003`)?.state).toBe('unknown');
    expect(cloud.sent).not.toContain('o_0003');
    expect(cloud.sent).toHaveLength(9);
  });

  test('a job leased by another live worker is left alone; a paused job sends nothing', async () => {
    const held = buildJob(request('held'), 0);
    const cloud = memory({ ...held, leaseUntil: 2_000_000, leaseBy: 'other' }, users(5));
    expect((await runSlice(0, cloud.ports, options)).processed).toBe(0);
    const paused = memory({ ...buildJob(request('paused'), 0), status: 'paused' }, users(5));
    expect((await runSlice(0, paused.ports, options)).processed).toBe(0);
    expect(paused.sent).toEqual([]);
  });

  test('a personal job writes one inbox entry per recipient, even when the same batch runs twice', async () => {
    const job = buildJob(request('personal', { openids: users(4) }), 0);
    const cloud = memory(job, users(4));
    await runSlice(0, cloud.ports, options);
    cloud.jobs.get(job._id)!.status = 'running';
    cloud.jobs.get(job._id)!.cursor = '';
    cloud.expireLease();
    await runSlice(0, cloud.ports, { ...options, workerId: 'w2' });
    expect(cloud.inbox.size).toBe(4);
    expect(cloud.sent).toHaveLength(4);
  });

  test('a scheduled broadcast without a WeChat message, once due, is finished without a record or a send', async () => {
    const plain = buildJob({ ...request('plain'), message: { ...request('plain').message, template: null } }, 0);
    const cloud = memory({ ...plain, status: 'scheduled', counts: { ...plain.counts, recipients: 7, reached: 7 } }, users(7));
    await runSlice(0, cloud.ports, options);
    expect(cloud.jobs.get(plain._id)?.status).toBe('done');
    expect(cloud.deliveries.size).toBe(0);
    expect(cloud.sent).toEqual([]);
  });

  test('a cancel while a batch is sending stops it within about a second: the rest of the batch is never sent', async () => {
    const job = buildJob(request('cancel-mid-batch'), 0);
    const cloud = memory(job, users(200), { sendMs: 100 });
    const send = cloud.ports.send;
    cloud.ports.send = async (message) => {
      // Staff cancel after the 20th send (2 s into the batch).
      if (cloud.sent.length === 20) cloud.jobs.get(job._id)!.status = 'cancelled';
      return send(message);
    };
    await runSlice(0, cloud.ports, { ...options, batch: 200, concurrency: 4 });
    expect(cloud.sent.length).toBeGreaterThanOrEqual(20);
    expect(cloud.sent.length).toBeLessThan(40);
    expect(cloud.jobs.get(job._id)?.cursor).toBe(String(cloud.deliveries.size));
  });

  test('a cancelled job a worker died on is closed by the next slice: its record left "sending" is reported unknown, never sent', async () => {
    const job = buildJob(request('cancel-after-crash'), 0);
    const cloud = memory({ ...job, status: 'cancelled', cursor: '3', leaseUntil: 1_500_000, leaseBy: 'dead' }, users(10));
    for (const openid of ['o_0000', 'o_0001', 'o_0002']) {
      cloud.deliveries.set(`${job._id}:${openid}`, { _id: `${job._id}:${openid}`, jobId: job._id, openid, state: openid === 'o_0002' ? 'sending' : 'sent', code: null, at: 0 });
    }
    // While the dead worker's lease still holds, the job is left alone.
    await runSlice(0, cloud.ports, options);
    expect(cloud.deliveries.get(`${job._id}:o_0002`)?.state).toBe('sending');
    cloud.jobs.get(job._id)!.leaseUntil = 0;
    const report = await runSlice(0, cloud.ports, options);
    expect(report.jobs).toEqual([{ id: job._id, processed: 0, finished: true, stopped: 'cancelled' }]);
    expect(cloud.deliveries.get(`${job._id}:o_0002`)?.state).toBe('unknown');
    expect(cloud.jobs.get(job._id)).toMatchObject({ status: 'cancelled', finishedAt: 1_000_000, counts: { processed: 3 } });
    expect(cloud.sent).toEqual([]);
    // Closed once: a later slice does not take it again.
    expect((await runSlice(0, cloud.ports, options)).jobs).toEqual([]);
  });

  test('inParallel keeps the order of results', async () => {
    expect(await inParallel([3, 1, 2], 2, async (n) => n * 2)).toEqual([6, 2, 4]);
  });
});
