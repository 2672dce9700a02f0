/**
 * Who an article is for, without a cloud: an article answers to the nodes it is addressed to (with a tag filter, to
 * those nodes' members carrying the tag), a member to their branch and every node above it — so a member of another
 * branch is outside the audience and only the public article is open to a resident. Scheduling is a time checked
 * at read time; figures per branch are counts, lowest share first.
 */
import { addressedTo, branchFigures, cleanContent, isLive, readerKeys, targetsOf, unavailableFor } from '../../cloud/src/domain/study/articles';
import type { ArticleDoc } from '../../src/shared/study';

const DONGHU_MEMBER = { openid: 'o_m', orgPath: ['org-district', 'org-donghu', 'org-donghu-sq', 'org-donghu-b1'], tags: ['在职'] };
const XISHAN_MEMBER = { openid: 'o_x', orgPath: ['org-district', 'org-xishan', 'org-xishan-sq', 'org-xishan-b1'], tags: ['流动'] };
const RESIDENT = { openid: 'o_r', orgPath: [], tags: [] };

const article = (audience: ArticleDoc['audience'], extra: Partial<ArticleDoc> = {}): ArticleDoc => ({
  _id: 'a1',
  title: '应知应会',
  summary: '',
  cover: null,
  body: '<p>x</p>',
  attachments: [],
  tags: [],
  required: true,
  audience,
  targets: targetsOf(audience),
  status: 'published',
  publishAt: 1_000,
  version: 1,
  publishedVersion: 1,
  scopeOrgId: 'org-donghu',
  scopePath: ['org-district', 'org-donghu'],
  pushJobId: null,
  byOpenid: 'o_a',
  byName: '赵敏',
  createdAt: 0,
  updatedAt: 0,
  ...extra,
});

test('an article to one branch reaches its members, not a member of another branch nor a resident', () => {
  const doc = article({ public: false, orgIds: ['org-donghu-b1'], tags: [] });
  expect(addressedTo(doc, DONGHU_MEMBER)).toBe(true);
  expect(addressedTo(doc, XISHAN_MEMBER)).toBe(false);
  expect(addressedTo(doc, RESIDENT)).toBe(false);
});

test('an article to a street reaches the members of every branch below it', () => {
  const doc = article({ public: false, orgIds: ['org-donghu'], tags: [] });
  expect(addressedTo(doc, DONGHU_MEMBER)).toBe(true);
  expect(addressedTo(doc, XISHAN_MEMBER)).toBe(false);
});

test('a tag filter narrows the addressed nodes to members carrying one of the tags', () => {
  const doc = article({ public: false, orgIds: ['org-district'], tags: ['流动'] });
  expect(addressedTo(doc, XISHAN_MEMBER)).toBe(true);
  expect(addressedTo(doc, DONGHU_MEMBER)).toBe(false);
  expect(readerKeys(DONGHU_MEMBER)).toContain('org:org-donghu-b1#在职');
});

test('a public article is open to everyone, residents too', () => {
  const doc = article({ public: true, orgIds: ['org-donghu-b1'], tags: [] });
  expect([RESIDENT, XISHAN_MEMBER, DONGHU_MEMBER].map((reader) => addressedTo(doc, reader))).toEqual([true, true, true]);
});

test('someone outside a member-only article gets its title and a reason, not an error; drafts read as missing', () => {
  const doc = article({ public: false, orgIds: ['org-donghu-b1'], tags: [] });
  expect(unavailableFor(doc, XISHAN_MEMBER, 2_000)).toEqual({ reason: 'audience', title: '应知应会' });
  expect(unavailableFor(doc, DONGHU_MEMBER, 2_000)).toBeNull();
  expect(unavailableFor({ ...doc, status: 'draft' }, DONGHU_MEMBER, 2_000)).toEqual({ reason: 'missing' });
  expect(unavailableFor({ ...doc, status: 'withdrawn' }, DONGHU_MEMBER, 2_000)).toEqual({ reason: 'withdrawn' });
  expect(unavailableFor(null, DONGHU_MEMBER, 2_000)).toEqual({ reason: 'missing' });
});

test('a scheduled article is live from its time on, not a moment before', () => {
  const doc = article({ public: false, orgIds: ['org-donghu-b1'], tags: [] }, { publishAt: 5_000 });
  expect(isLive(doc, 4_999)).toBe(false);
  expect(unavailableFor(doc, DONGHU_MEMBER, 4_999)).toEqual({ reason: 'not_yet' });
  expect(isLive(doc, 5_000)).toBe(true);
});

test('a save cleans the body on the server and takes the summary from it when left empty', () => {
  const content = cleanContent({ title: ' 标题 ', summary: '', cover: null, body: '<p onclick="x()">正文第一段</p><script>1</script>', attachments: [], tags: ['应知应会'], required: true });
  expect(content.body).toBe('<p>正文第一段</p>');
  expect(content.summary).toBe('正文第一段');
  expect(content.title).toBe('标题');
  expect(() => cleanContent({ ...content, summary: '', body: '<script>only</script>' })).toThrow('正文是空的');
});

test('branch figures are counts and shares, lowest share first, with no names of people', () => {
  const rows = branchFigures(
    [
      { branchId: 'b1', targeted: 20, reached: 10 },
      { branchId: 'b2', targeted: 4, reached: 4 },
    ],
    new Map([['b1', 1], ['b2', 3]]),
    new Map([['b1', '第一党支部'], ['b2', '第二党支部']]),
  );
  expect(rows).toEqual([
    { branchId: 'b1', branchName: '第一党支部', targeted: 20, reached: 10, read: 1, share: 5 },
    { branchId: 'b2', branchName: '第二党支部', targeted: 4, reached: 4, read: 3, share: 75 },
  ]);
});
