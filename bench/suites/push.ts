/**
 * The push engine at scale, through the real functions (runner → wx-server-sdk → emulator, unindexed queries failing):
 * - a 通知 broadcast to 100,000 members in 500 branches: writes per publish (fan-out on read) and the time from
 *   publishing until a member of the last branch sees it;
 * - a member's inbox page (1,000 broadcasts + their own entries) with 1,000 and with 100,000 members: database queries
 *   per page and p95;
 * - WeChat messages to 10,000 credited members with subscribeMessage.send taking 100 ms: sends/s, slices (timer fires)
 *   used, the longest slice, and database/open-API round trips per recipient.
 * Round trips are the emulator's /admin calls (one per SDK call).
 */
import * as cloud from 'wx-server-sdk';
import type { LocalStack } from '../../scripts/local/stack';
import { inbox, push } from '../../src/shared/contracts';
import type { OrgNodeDoc } from '../../src/shared/identity';
import { TEMPLATES } from '../../src/shared/notify';
import { orgTarget, type PushJobView } from '../../src/shared/push';
import { startBenchCloud } from '../cloud';
import { caller, diff, percentile, timeEach, type BenchSuite, type Call, type Figure } from '../types';

const NOW = Date.UTC(2026, 10, 20, 2);
const DISTRICT_ADMIN = 'o_demo_district';
const BATCH = 1000;
const PER_BRANCH = 200;
const SAMPLES = 200;
const BROADCASTS = 1000;
const SENDS = 10_000;

export const pushSuite: BenchSuite = {
  name: 'push',
  notes: [
    'broadcasts are fan-out on read: one stored message per 通知, read by every member whose branch it names; a read writes one mark',
    'sends run 40 at a time inside a slice; a slice stops taking recipients at 45 s (timer every minute, 60 s timeout)',
    'in-memory store on one machine: the emulator, the worker and 100 ms of WeChat per send share two cores',
  ],
  async run(progress) {
    const { stack, close } = await startBenchCloud('push', NOW);
    const figures: Figure[] = [];
    try {
      const call = caller(stack);
      const measured = 'o_bench_member_0';

      progress('seeding 1,000 members in 5 branches and 1,000 broadcasts');
      await seedBranches('org-bench-street', 0, 5);
      await seedMembers('org-bench-street', 0, 1_000, true);
      await seedBroadcasts('org-bench-street', 5);
      await seedOwnEntries(measured, 100);
      const small = await inboxPage(stack, call, measured);

      progress('seeding up to 100,000 members in 500 branches');
      await seedBranches('org-bench-street', 5, 500);
      await seedMembers('org-bench-street', 1_000, 100_000, true);
      await cloud.database().collection('push_broadcasts').where({ visibleAt: cloud.database().command.lt(NOW) }).remove();
      await seedBroadcasts('org-bench-street', 500);

      progress('publishing a 通知 to the 100,000');
      const before = stack.emulator.adminCalls();
      const started = process.hrtime.bigint();
      const published = (await call(push.publish, { requestId: 'bench-broadcast-0001', orgId: 'org-bench-street', title: '全体党员大会通知', body: '本周六上午9点召开全体党员大会。' }, DISTRICT_ADMIN)) as { job: PushJobView };
      const publishMs = Number(process.hrtime.bigint() - started) / 1e6;
      const writes = diff(before, stack.emulator.adminCalls(), ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc']);
      const last = `o_bench_member_${100_000 - 1}`;
      const seen = (await call(inbox.list, { limit: 20 }, last)) as { items: Array<{ title: string }> };
      const visibleMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (!seen.items.some((item) => item.title === '全体党员大会通知')) throw new Error('the last branch does not see the broadcast');
      figures.push({ name: 'broadcast to 100k members: writes per publish', value: writes, unit: 'writes', note: `${published.job.counts.recipients} recipients` });
      figures.push({ name: 'broadcast to 100k members: publish call', value: publishMs, unit: 'ms' });
      figures.push({ name: 'broadcast to 100k members: until the last branch sees it', value: visibleMs, unit: 'ms', note: 'publish + one inbox page of a member of branch 500' });

      const large = await inboxPage(stack, call, measured);
      figures.push({ name: 'inbox page p95, 1k members', value: percentile(small.samples, 95), unit: 'ms', note: `${small.queries} queries per page` });
      figures.push({ name: 'inbox page p95, 100k members', value: percentile(large.samples, 95), unit: 'ms', note: `${large.queries} queries per page` });
      figures.push({ name: 'inbox page 100k / 1k', value: percentile(large.samples, 95) / percentile(small.samples, 95), unit: 'x', note: 'target ≤ 2' });
      figures.push({ name: 'inbox page: item queries', value: large.itemQueries, unit: 'queries', note: 'own entries + broadcasts; the unread badge adds counts' });

      progress('WeChat messages to 10,000 credited members at 100 ms per send');
      figures.push(...(await sends(stack, call, progress)));
    } finally {
      await close();
    }
    return figures;
  },
};

const QUERIES = ['database.queryDocument', 'database.calculateDocument', 'database.aggregateDocuments', 'database.getDocument'];

/** p95 samples of one member's inbox page, and the queries one page makes (all, and those for the items). */
async function inboxPage(stack: LocalStack, call: Call, openid: string): Promise<{ samples: number[]; queries: number; itemQueries: number }> {
  await call(inbox.list, { limit: 20 }, openid);
  const before = stack.emulator.adminCalls();
  await call(inbox.list, { limit: 20 }, openid);
  const queries = diff(before, stack.emulator.adminCalls(), QUERIES);
  // loading the caller (1 read) and the unread badge (counts) are not the page's items.
  const countsBefore = stack.emulator.adminCalls();
  await call(inbox.unreadCount, {}, openid);
  const badge = diff(countsBefore, stack.emulator.adminCalls(), QUERIES);
  return { samples: await timeEach(SAMPLES, () => call(inbox.list, { limit: 20 }, openid)), queries, itemQueries: queries - badge };
}

const branchId = (street: string, n: number): string => `${street}-b${n}`;

async function seedBranches(street: string, from: number, to: number): Promise<void> {
  const orgs = cloud.database().collection('orgs');
  if (from === 0) await orgs.add({ data: { _id: street, name: `压测街道${street}`, kind: 'street', parentId: 'org-district', path: ['org-district', street], order: 90 } satisfies OrgNodeDoc });
  const nodes: OrgNodeDoc[] = [];
  for (let n = from; n < to; n += 1) {
    nodes.push({ _id: branchId(street, n), name: `第${n + 1}党支部`, kind: 'branch', parentId: street, path: ['org-district', street, branchId(street, n)], order: n });
  }
  for (let i = 0; i < nodes.length; i += BATCH) await orgs.add({ data: nodes.slice(i, i + BATCH) });
}

const memberOpenid = (street: string, n: number): string => (street === 'org-bench-street' ? `o_bench_member_${n}` : `o_bench_${street}_${n}`);

/** Roster entries n in [from, to), 200 per branch, bound to WeChat; users docs for them (the member side). */
async function seedMembers(street: string, from: number, to: number, bound: boolean): Promise<void> {
  const db = cloud.database();
  for (let start = from; start < to; start += BATCH) {
    const entries = [];
    const users = [];
    for (let n = start; n < Math.min(to, start + BATCH); n += 1) {
      const branch = branchId(street, Math.floor(n / PER_BRANCH));
      const path = ['org-district', street, branch];
      const openid = memberOpenid(street, n);
      entries.push({ _id: `${street}-r${n}`, branchId: branch, orgPath: path, name: `党员${n}`, gender: '', phone: '', joinedAt: '2000-07-01', joinedMonthDay: '07-01', confirmedAt: '2001-07-01', category: '正式', status: '正常', tags: [], key: `${street}|${n}`, boundOpenid: bound ? openid : null, boundAt: bound ? NOW : null, createdAt: NOW, updatedAt: NOW });
      users.push({ _id: openid, code: `B${street.length}${n}`.slice(0, 12), createdAt: NOW, updatedAt: NOW, member: { branchId: branch, rosterId: `${street}-r${n}`, name: `党员${n}`, orgPath: path } });
    }
    await db.collection('roster').add({ data: entries });
    await db.collection('users').add({ data: users });
  }
}

/** 1,000 earlier broadcasts to the whole street (every branch of it named), a minute apart. */
async function seedBroadcasts(street: string, branches: number): Promise<void> {
  const targets = [orgTarget(street), ...Array.from({ length: branches }, (_, n) => orgTarget(branchId(street, n)))];
  const docs = Array.from({ length: BROADCASTS }, (_, n) => ({ _id: `bench-broadcast-${branches}-${n}`, targets, kind: 'notice', title: `往期通知${n}`, body: '往期通知内容', link: '/pages/inbox/index', visibleAt: NOW - (BROADCASTS - n) * 60_000 }));
  for (let i = 0; i < docs.length; i += 100) await cloud.database().collection('push_broadcasts').add({ data: docs.slice(i, i + 100) });
}

async function seedOwnEntries(openid: string, count: number): Promise<void> {
  const docs = Array.from({ length: count }, (_, n) => ({ openid, kind: 'case_replied', title: `意见答复${n}`, body: '您的意见已答复', link: null, createdAt: NOW - n * 3_600_000, read: n > 5 }));
  await cloud.database().collection('inbox').add({ data: docs });
}

/** 10,000 credited members of another street get a 通知 with a WeChat message; the timer is fired until it is done. */
async function sends(stack: LocalStack, call: Call, progress: (line: string) => void): Promise<Figure[]> {
  const street = 'org-bench-send';
  await seedBranches(street, 0, SENDS / PER_BRANCH);
  await seedMembers(street, 0, SENDS, true);
  const template = TEMPLATES.notice.id;
  const db = cloud.database();
  for (let start = 0; start < SENDS; start += BATCH) {
    const docs = [];
    for (let n = start; n < start + BATCH; n += 1) {
      const openid = memberOpenid(street, n);
      docs.push({ _id: `${openid}:${template}`, openid, templateId: template, credits: 1, updatedAt: NOW });
      await stack.emulator.openapi.grantCredits(openid, [template]);
    }
    await db.collection('subscriptions').add({ data: docs });
  }
  stack.emulator.openapi.configureSend({ latencyMs: 100, shares: {}, seed: 1 });
  const runner = stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  const { job } = (await call(push.publish, { requestId: 'bench-sends-000001', orgId: street, title: '支部书记培训通知', body: '下周一下午2点培训。', subscribe: true }, DISTRICT_ADMIN)) as { job: PushJobView };
  const before = stack.emulator.adminCalls();
  const slices: number[] = [];
  let current = job;
  // Each fire is one minute's slice; fired back to back here, so the figure is the slices' own speed.
  for (let fire = 0; fire < 20 && current.status === 'running'; fire += 1) {
    const started = Date.now();
    await runner.fireTrigger('push', new Date(NOW + (fire + 1) * 60_000));
    slices.push(Date.now() - started);
    const listed = (await call(push.jobs, { orgId: street, limit: 5 }, DISTRICT_ADMIN)) as { items: PushJobView[] };
    current = listed.items.find((item) => item.id === job.id) ?? current;
    progress(`slice ${fire + 1}: ${slices[slices.length - 1]} ms, ${current.counts.processed} processed`);
  }
  const trips = diff(before, stack.emulator.adminCalls(), Object.keys(stack.emulator.adminCalls()));
  const sendMs = slices.reduce((sum, ms) => sum + ms, 0);
  stack.emulator.openapi.configureSend({ latencyMs: 0 });
  return [
    { name: 'sends to 10k at 100 ms: sent', value: current.counts.sent, unit: 'sends', note: `status ${current.status}, ${current.counts.processed} processed` },
    { name: 'sends to 10k at 100 ms: sends/s', value: (current.counts.sent / sendMs) * 1000, unit: '/s', note: 'target ≥ 100' },
    { name: 'sends to 10k at 100 ms: slices used', value: slices.length, unit: 'slices' },
    { name: 'sends to 10k at 100 ms: longest slice', value: Math.max(...slices), unit: 'ms', note: 'must stay < 50,000' },
    { name: 'sends to 10k at 100 ms: round trips per recipient', value: trips / SENDS, unit: 'calls', note: 'database + open API' },
  ];
}
