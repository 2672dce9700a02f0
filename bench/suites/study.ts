/**
 * 学习 at scale, through the real functions (runner → wx-server-sdk → emulator, unindexed queries failing):
 * - opening 学习 (one page of 20) with 2,000 live articles addressed to the member's street: database queries per page
 *   and p95 — the page of articles and the receipts for that page are one indexed query each; the caller's user
 *   document is read too (every function loads its caller; the member's tags come with it, no roster read);
 * - recording a read: writes per first open (one) and per later open (none);
 * - read-share figures for an article addressed to 1,000 and to 100,000 members (30% of them read it): time and queries
 *   (one aggregation: the addressed roster joined to the receipts by receipt id).
 */
import * as cloud from 'wx-server-sdk';
import type { LocalStack } from '../../scripts/local/stack';
import { study, studyStaff } from '../../src/shared/contracts';
import type { OrgNodeDoc } from '../../src/shared/identity';
import { orgKey, receiptId, type ArticleStaffView } from '../../src/shared/study';
import { startBenchCloud } from '../cloud';
import { caller, diff, percentile, timeEach, type BenchSuite, type Call, type Figure } from '../types';

const NOW = Date.UTC(2026, 10, 20, 2);
const ADMIN = 'o_demo_district';
const STREET = 'org-bench-study';
const BATCH = 1000;
const PER_BRANCH = 200;
const ARTICLES = 2000;
const SAMPLES = 100;
const QUERIES = ['database.queryDocument', 'database.calculateDocument', 'database.aggregateDocuments', 'database.getDocument'];
const WRITES = ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc'];

export const studySuite: BenchSuite = {
  name: 'study',
  notes: [
    'articles are fan-out on read: an article stores the nodes it is addressed to; a member asks for their branch and the nodes above it',
    'figures are counts per branch only (no names, no time on page): one aggregation over the addressed roster, each member joined to their receipt by id',
    'in-memory store on one machine: the emulator and the functions share two cores',
  ],
  async run(progress) {
    const { stack, close } = await startBenchCloud('study', NOW);
    const figures: Figure[] = [];
    try {
      const call = caller(stack);
      const member = 'o_bench_study_0';
      progress('seeding 1,000 members in 5 branches and 2,000 live articles');
      await seedBranches(0, 5);
      await seedMembers(0, 1_000);
      await seedArticles();

      const before = stack.emulator.adminCalls();
      await call(study.list, { limit: 20 }, member);
      const queries = diff(before, stack.emulator.adminCalls(), QUERIES);
      const samples = await timeEach(SAMPLES, () => call(study.list, { limit: 20 }, member));
      figures.push({ name: '学习 page p95, 2,000 articles', value: percentile(samples, 95), unit: 'ms', note: `${queries - 1} queries of 学习's own (articles page, receipts of the page) + 1 caller load every function makes (the user, with the member's tags)` });

      const first = stack.emulator.adminCalls();
      await call(study.get, { id: 'bench-article-1' }, member);
      const firstWrites = diff(first, stack.emulator.adminCalls(), WRITES);
      const again = stack.emulator.adminCalls();
      await call(study.get, { id: 'bench-article-1' }, member);
      figures.push({ name: 'recording a read: writes on first open', value: firstWrites, unit: 'writes' });
      figures.push({ name: 'recording a read: write calls on a later open', value: diff(again, stack.emulator.adminCalls(), WRITES), unit: 'calls', note: 'the same receipt id is refused as a duplicate: nothing more is stored' });

      progress('an article to the whole street; 30% of 1,000 read it');
      const saved = (await call(studyStaff.save, { requestId: 'bench-study-0001', orgId: STREET, title: '全体党员学习材料', body: '<p>学习材料</p>', required: true, audience: { public: false, orgIds: [STREET], tags: [] } }, ADMIN)) as { article: ArticleStaffView };
      const id = saved.article.id;
      await call(studyStaff.publish, { id }, ADMIN);
      await seedReceipts(id, 0, 1_000);
      figures.push(...(await figuresAt(stack, call, id, '1k')));

      progress('up to 100,000 members in 500 branches; 30% read it');
      await seedBranches(5, 500);
      await seedMembers(1_000, 100_000);
      await seedReceipts(id, 1_000, 100_000);
      figures.push(...(await figuresAt(stack, call, id, '100k')));
    } finally {
      await close();
    }
    return figures;
  },
};

async function figuresAt(stack: LocalStack, call: Call, id: string, label: string): Promise<Figure[]> {
  const before = stack.emulator.adminCalls();
  const result = (await call(studyStaff.figures, { id }, ADMIN)) as { targeted: number; read: number };
  const aggregations = diff(before, stack.emulator.adminCalls(), ['database.aggregateDocuments']);
  const samples = await timeEach(5, () => call(studyStaff.figures, { id }, ADMIN));
  return [
    { name: `read-share figures, ${label} members`, value: percentile(samples, 50), unit: 'ms', note: `${result.read}/${result.targeted} read; ${aggregations} aggregation (addressed roster per branch, joined to receipts by id)` },
  ];
}

const branchId = (n: number): string => `${STREET}-b${n}`;
const openidOf = (n: number): string => `o_bench_study_${n}`;

async function seedBranches(from: number, to: number): Promise<void> {
  const orgs = cloud.database().collection('orgs');
  if (from === 0) await orgs.add({ data: { _id: STREET, name: '学习压测街道', kind: 'street', parentId: 'org-district', path: ['org-district', STREET], order: 91 } satisfies OrgNodeDoc });
  const nodes: OrgNodeDoc[] = [];
  for (let n = from; n < to; n += 1) nodes.push({ _id: branchId(n), name: `学习第${n + 1}党支部`, kind: 'branch', parentId: STREET, path: ['org-district', STREET, branchId(n)], order: n });
  for (let i = 0; i < nodes.length; i += BATCH) await cloud.database().collection('orgs').add({ data: nodes.slice(i, i + BATCH) });
}

/** Roster entries and users n in [from, to), 200 per branch, bound to WeChat. */
async function seedMembers(from: number, to: number): Promise<void> {
  const db = cloud.database();
  for (let start = from; start < to; start += BATCH) {
    const entries = [];
    const users = [];
    for (let n = start; n < Math.min(to, start + BATCH); n += 1) {
      const branch = branchId(Math.floor(n / PER_BRANCH));
      const path = ['org-district', STREET, branch];
      entries.push({ _id: `${STREET}-r${n}`, branchId: branch, orgPath: path, name: `党员${n}`, gender: '', phone: '', joinedAt: '2000-07-01', joinedMonthDay: '07-01', confirmedAt: '2001-07-01', category: '正式', status: '正常', tags: ['在职'], key: `${STREET}|${n}`, boundOpenid: openidOf(n), boundAt: NOW, createdAt: NOW, updatedAt: NOW });
      users.push({ _id: openidOf(n), code: `S${n}`, createdAt: NOW, updatedAt: NOW, member: { branchId: branch, rosterId: `${STREET}-r${n}`, name: `党员${n}`, orgPath: path, tags: ['在职'] } });
    }
    await db.collection('roster').add({ data: entries });
    await db.collection('users').add({ data: users });
  }
}

/** 2,000 live articles addressed to the street, an hour apart, every tenth 必读. */
async function seedArticles(): Promise<void> {
  const docs = Array.from({ length: ARTICLES }, (_, n) => ({
    _id: `bench-article-${n}`,
    title: `学习材料${n}`,
    summary: '学习材料摘要',
    cover: null,
    body: '<p>学习材料正文</p>',
    attachments: [],
    tags: ['理论学习'],
    required: n % 10 === 0,
    audience: { public: false, orgIds: [STREET], tags: [] },
    targets: [orgKey(STREET)],
    status: 'published',
    publishAt: NOW - (ARTICLES - n) * 3_600_000,
    version: 1,
    publishedVersion: 1,
    scopeOrgId: STREET,
    scopePath: ['org-district', STREET],
    pushJobId: null,
    byOpenid: ADMIN,
    byName: '周强',
    createdAt: NOW,
    updatedAt: NOW,
  }));
  for (let i = 0; i < docs.length; i += 100) await cloud.database().collection('articles').add({ data: docs.slice(i, i + 100) });
}

/** Every member n in [from, to) with n % 10 < 3 read the article (30%). */
async function seedReceipts(articleId: string, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const docs = [];
    for (let n = start; n < Math.min(to, start + BATCH); n += 1) {
      if (n % 10 >= 3) continue;
      const branch = branchId(Math.floor(n / PER_BRANCH));
      docs.push({ _id: receiptId(articleId, openidOf(n)), articleId, openid: openidOf(n), branchId: branch, orgPath: ['org-district', STREET, branch], title: '全体党员学习材料', at: NOW });
    }
    await cloud.database().collection('study_receipts').add({ data: docs });
  }
}
