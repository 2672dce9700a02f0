/**
 * 党员名册 on the local cloud, through the real functions: staff import (preview with per-row errors, idempotent
 * confirm), export and round trip, scope between streets, editing with an audit trail, and members binding their WeChat
 * (name + phone tail or invite code) with attempt limits and one user per entry.
 */
import { account, roster } from '../../src/shared/contracts';
import { readTable, writeCsv } from '../../cloud/src/domain/roster/table';
import { database } from '../../cloud/src/infra/database';
import type { RosterDoc } from '../../src/shared/roster';
import { startAppCloud, type AppCloud } from '../support/app';

let app: AppCloud;
const ADMIN = 'o_demo_admin';
const DISTRICT = 'o_demo_district';
const XISHAN_ADMIN = 'o_roster_xishan_admin';
const BRANCH = 'org-donghu-b1';
const HEADER = ['姓名', '性别', '手机号', '所在支部', '入党日期', '转正日期', '党员类别', '状态', '标签'];

beforeAll(async () => {
  app = await startAppCloud();
  const target = await app.call(account.me, {}, XISHAN_ADMIN);
  await app.call(account.grantRole, { userCode: target.code, role: 'admin', scopeId: 'org-xishan', name: '西山管理员' }, DISTRICT);
});
afterAll(() => app.close());

/** Uploads a table as `openid` would from the page (a cloud-issued path), resolving its fileID. */
async function upload(openid: string, table: string[][] | Buffer, ext: 'csv' | 'xlsx' = 'csv'): Promise<string> {
  const { cloudPath } = await app.call(roster.uploadPath, { ext }, openid);
  const bytes = Buffer.isBuffer(table) ? table : Buffer.from(writeCsv(table), 'utf8');
  return app.stack.emulator.storage.put(cloudPath, bytes, openid);
}

const rosterDocs = (filter: Record<string, unknown>) => database().collection<RosterDoc>('roster').where(filter).limit(1000).get();
const auditDocs = (filter: Record<string, unknown>) => database().collection<{ type: string; targetId: string }>('audit_log').where(filter).get();
let phoneSeq = 0;
/** A fresh mobile number per row, so rows of different tests never collide. */
const phone = (): string => `1391234${String((phoneSeq += 1)).padStart(4, '0')}`;
const row = (name: string, overrides: Partial<Record<string, string>> = {}): string[] => {
  const values: Record<string, string> = { 姓名: name, 性别: '女', 手机号: phone(), 所在支部: '东湖社区第一党支部', 入党日期: '2001-07-01', 转正日期: '2002-07-01', 党员类别: '正式', 状态: '正常', 标签: '在职', ...overrides };
  return HEADER.map((column) => values[column]);
};

describe('import', () => {
  test('the preview shows each kind of bad row with its reason and writes nothing', async () => {
    const dup = row('周一');
    const table = [
      HEADER,
      row('吴二'),
      row('郑三', { 入党日期: '2001-02-30' }),
      row('王四', { 入党日期: '2099-01-01', 转正日期: '' }),
      row('冯五', { 入党日期: '2010-07-01', 转正日期: '2009-07-01' }),
      row('陈六', { 所在支部: '不存在的支部' }),
      dup,
      [...dup],
      row('张伟', { 手机号: '13800001001' }),
      row('', { 性别: '男' }),
    ];
    const preview = await app.call(roster.importPreview, { orgId: 'org-donghu', fileID: await upload(ADMIN, table) }, ADMIN);
    expect({ total: preview.total, valid: preview.valid, invalid: preview.invalid, status: preview.status }).toEqual({ total: 9, valid: 2, invalid: 7, status: 'pending' });
    const reasons = Object.fromEntries(preview.rows.filter((r) => r.errors.length > 0).map((r) => [r.row, r.errors.map((e) => e.message).join('；')]));
    expect(reasons).toEqual({
      3: expect.stringContaining('不是有效日期'),
      4: expect.stringContaining('晚于今天'),
      5: expect.stringContaining('转正日期早于入党日期'),
      6: expect.stringContaining('没有“不存在的支部”这个支部'),
      8: expect.stringContaining('与第 7 行是同一人'),
      9: expect.stringContaining('名册中已有此人（东湖社区第一党支部）'),
      10: expect.stringContaining('没有填姓名'),
    });
    // Phones in the preview are masked.
    expect(JSON.stringify(preview)).not.toContain('13800001001');
    expect(await rosterDocs({ name: '吴二' })).toEqual([]);
  });

  test('confirming writes the valid rows once: confirming again, or twice at the same time, adds nobody twice', async () => {
    const table = [HEADER, row('柳一'), row('柳二', { 党员类别: '预备', 转正日期: '' }), row('柳三', { 入党日期: '明年' })];
    const fileID = await upload(ADMIN, table);
    const preview = await app.call(roster.importPreview, { orgId: 'org-donghu', fileID }, ADMIN);
    expect(preview.valid).toBe(2);
    const [a, b] = await Promise.all([
      app.call(roster.importConfirm, { importId: preview.importId }, ADMIN),
      app.call(roster.importConfirm, { importId: preview.importId }, ADMIN),
    ]);
    expect([a.status, b.status]).toEqual(['done', 'done']);
    const again = await app.call(roster.importConfirm, { importId: preview.importId }, ADMIN);
    expect(again).toMatchObject({ status: 'done', written: 2, total: 2 });
    // The same file previewed again is the same import, already done.
    expect(await app.call(roster.importPreview, { orgId: 'org-donghu', fileID: await upload(ADMIN, table) }, ADMIN)).toMatchObject({ importId: preview.importId, status: 'done' });
    const written = await database().collection<RosterDoc>('roster').where({ branchId: BRANCH, name: database().command.in(['柳一', '柳二', '柳三']) }).get();
    expect(written.map((doc) => doc.name).sort()).toEqual(['柳一', '柳二']);
    expect(written.find((doc) => doc.name === '柳二')).toMatchObject({ category: '预备', confirmedAt: '', status: '正常', tags: ['在职'] });
    const audit = await auditDocs({ orgId: 'org-donghu', type: 'roster.import' });
    expect(audit.filter((doc) => doc.targetId === preview.importId)).toHaveLength(1);
    // Once written, the roster is the one copy of the phones: the pending rows and the uploaded table are gone.
    expect((await database().collection<{ rows: unknown[] }>('roster_imports').doc(preview.importId).get()).rows).toEqual([]);
    expect(app.stack.emulator.storage.has(fileID.replace(/^cloud:\/\/[^/]+\//, ''))).toBe(false);
  });

  test('a confirm cut off half-way (a timeout after some rows were written) is finished by the next one, adding nobody twice', async () => {
    const preview = await app.call(roster.importPreview, { orgId: 'org-donghu', fileID: await upload(ADMIN, [HEADER, row('断点一'), row('断点二'), row('断点三')]) }, ADMIN);
    // As if the first confirm wrote one row and then the function timed out before moving the cursor.
    const pending = await database().collection<{ rows: RosterDoc[] }>('roster_imports').doc(preview.importId).get();
    await database().collection<RosterDoc>('roster').add({ ...pending.rows[0], createdAt: 1, updatedAt: 1 });
    expect(await app.call(roster.importConfirm, { importId: preview.importId }, ADMIN)).toMatchObject({ status: 'done', written: 3, total: 3 });
    const written = await database().collection<RosterDoc>('roster').where({ name: database().command.in(['断点一', '断点二', '断点三']) }).get();
    expect(written.map((doc) => doc.name).sort()).toEqual(['断点一', '断点三', '断点二']);
  });

  test('a street of 2,000 members imports in one go from an .xlsx, and the bound counts show per branch', async () => {
    const rows = Array.from({ length: 2000 }, (_unused, i) => row(`批量${i}`, { 手机号: `137${String(i).padStart(8, '0')}` }));
    const { buildRosterWorkbook } = await import('../../cloud/src/domain/roster/workbook');
    const xlsx = await buildRosterWorkbook(rows.map((cells) => Object.fromEntries(HEADER.map((h, i) => [h, cells[i]])) as never));
    const preview = await app.call(roster.importPreview, { orgId: 'org-donghu', fileID: await upload(ADMIN, xlsx, 'xlsx') }, ADMIN);
    expect(preview).toMatchObject({ total: 2000, valid: 2000, invalid: 0 });
    let progress = await app.call(roster.importConfirm, { importId: preview.importId }, ADMIN);
    while (progress.status !== 'done') progress = await app.call(roster.importConfirm, { importId: preview.importId }, ADMIN);
    expect(progress.written).toBe(2000);
    const overview = await app.call(roster.overview, { orgId: 'org-donghu' }, ADMIN);
    const branch = overview.branches.find((b) => b.id === BRANCH);
    expect(branch?.total).toBeGreaterThanOrEqual(2020);
    expect(branch?.bound).toBeGreaterThanOrEqual(1);
  }, 120_000);

  test('export writes the same columns, and reading the file back gives exactly the rows imported', async () => {
    const rows = [row('回环甲', { 标签: '在职、流动', 性别: '男' }), row('回环乙', { 手机号: '', 状态: '流动党员', 标签: '' }), row('回环丙', { 党员类别: '预备', 转正日期: '' })];
    const preview = await app.call(roster.importPreview, { orgId: BRANCH, fileID: await upload(ADMIN, [HEADER, ...rows]) }, ADMIN);
    expect(preview.invalid).toBe(0);
    await app.call(roster.importConfirm, { importId: preview.importId }, ADMIN);
    const exported = await app.call(roster.export, { orgId: BRANCH }, ADMIN);
    const cloudPath = exported.fileID.replace(/^cloud:\/\/[^/]+\//, '');
    const table = await readTable((await app.stack.emulator.storage.read(cloudPath)) as Buffer, 'xlsx');
    expect(table[0]).toEqual(HEADER);
    for (const original of rows) expect(table).toContainEqual(original);
    expect(table.length - 1).toBe(exported.rows);
    // Imported back, the export is the roster itself: every row is someone already on it.
    const back = await app.call(roster.importPreview, { orgId: BRANCH, fileID: await upload(ADMIN, (await app.stack.emulator.storage.read(cloudPath)) as Buffer, 'xlsx') }, ADMIN);
    expect(back).toMatchObject({ total: exported.rows, valid: 0, invalid: exported.rows });
  }, 60_000);
});

describe('scope', () => {
  test('an admin of another street can neither see nor import into this branch', async () => {
    for (const [action, payload] of [
      [roster.overview, { orgId: 'org-donghu' }],
      [roster.list, { orgId: BRANCH }],
      [roster.export, { orgId: BRANCH }],
      [roster.invite, { id: 'roster-05' }],
      [roster.unbind, { id: 'roster-01' }],
    ] as const) {
      expect(await app.invoke(action, payload, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    }
    const fileID = await upload(XISHAN_ADMIN, [HEADER, row('越界')]);
    expect(await app.invoke(roster.importPreview, { orgId: BRANCH, fileID }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    // Into their own street, a 东湖 branch is unknown, and a 东湖 member is "already on the roster" without saying where.
    const own = await app.call(roster.importPreview, { orgId: 'org-xishan', fileID }, XISHAN_ADMIN);
    expect(own.rows[0].errors[0].message).toContain('辖区内没有“东湖社区第一党支部”');
    const known = await app.call(roster.importPreview, { orgId: 'org-xishan', fileID: await upload(XISHAN_ADMIN, [HEADER, row('张伟', { 手机号: '13800001001', 所在支部: '西山社区党支部' })]) }, XISHAN_ADMIN);
    expect(known.rows[0].errors[0].message).toBe('名册中已有此人');
    expect(await app.invoke(roster.save, { branchId: BRANCH, name: '越界', joinedAt: '2000-01-01', category: '正式' }, XISHAN_ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    // Their own street's list holds only their members.
    const list = await app.call(roster.list, { orgId: 'org-xishan', limit: 50 }, XISHAN_ADMIN);
    expect(list.entries.map((e) => e.name).sort()).toEqual(['冯雪', '钱进']);
  });

  test('another admin\'s upload cannot be previewed by someone else', async () => {
    const fileID = await upload(XISHAN_ADMIN, [HEADER, row('偷看')]);
    expect(await app.invoke(roster.importPreview, { orgId: BRANCH, fileID }, ADMIN)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { fileID: expect.any(String) } } } });
  });
});

describe('staff edit the roster', () => {
  test('add, edit, move and retire a member; phones stay masked in lists; every change is audited', async () => {
    const { entry } = await app.call(roster.save, { branchId: BRANCH, name: '新党员', gender: '男', phone: '13912340000', joinedAt: '2020-07-01', confirmedAt: '2021-07-01', category: '正式', tags: ['在职'] }, ADMIN);
    expect(entry).toMatchObject({ name: '新党员', phoneMasked: '139****0000', status: '正常', bound: false });
    const list = await app.call(roster.list, { orgId: BRANCH, limit: 50 }, ADMIN);
    expect(JSON.stringify(list)).not.toMatch(/1380000\d{4}|13912340000/);
    const bad = await app.invoke(roster.save, { id: entry.id, branchId: BRANCH, name: '新党员', joinedAt: '2020-07-01', confirmedAt: '2019-01-01', category: '正式' }, ADMIN);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { confirmedAt: '转正日期早于入党日期' } } } });
    await app.call(roster.save, { id: entry.id, branchId: BRANCH, name: '新党员', gender: '男', joinedAt: '2020-07-01', confirmedAt: '2021-07-01', category: '正式', tags: ['在职', '流动'] }, ADMIN);
    // The phone left out of an edit stays as it was.
    expect((await rosterDocs({ _id: entry.id }))[0]).toMatchObject({ phone: '13912340000', tags: ['在职', '流动'] });
    // Moving to a branch of another street needs that street: the district admin can.
    await app.call(roster.save, { id: entry.id, branchId: 'org-xishan-b1', name: '新党员', joinedAt: '2020-07-01', confirmedAt: '2021-07-01', category: '正式' }, DISTRICT);
    expect((await rosterDocs({ _id: entry.id }))[0]).toMatchObject({ branchId: 'org-xishan-b1', orgPath: ['org-district', 'org-xishan', 'org-xishan-sq', 'org-xishan-b1'] });
    await app.call(roster.save, { id: entry.id, branchId: 'org-xishan-b1', name: '新党员', joinedAt: '2020-07-01', confirmedAt: '2021-07-01', category: '正式', status: '转出' }, XISHAN_ADMIN);
    const audit = await auditDocs({ targetId: entry.id });
    expect(audit.map((doc) => doc.type).sort()).toEqual(['roster.create', 'roster.move', 'roster.retire', 'roster.update']);
    expect(JSON.stringify(audit)).not.toContain('13912340000');
  });

  test('a tag list set for the street replaces the default five, and imports follow it', async () => {
    await app.call(roster.setTags, { orgId: 'org-xishan', tags: ['在职', '退休'] }, XISHAN_ADMIN);
    expect((await app.call(roster.overview, { orgId: 'org-xishan' }, XISHAN_ADMIN)).tags).toEqual(['在职', '退休']);
    expect((await app.call(roster.overview, { orgId: 'org-donghu' }, ADMIN)).tags).toEqual(['在职', '无职', '非公', '流动', '老弱病残']);
    const preview = await app.call(roster.importPreview, { orgId: 'org-xishan', fileID: await upload(XISHAN_ADMIN, [HEADER, row('标签甲', { 所在支部: '西山社区党支部', 标签: '非公' })]) }, XISHAN_ADMIN);
    expect(preview.rows[0].errors[0].message).toContain('没有“非公”这个标签');
  });
});

describe('binding', () => {
  test('a member binds with name and phone tail, becomes a member of the branch, and staff see the bound count rise', async () => {
    const before = (await app.call(roster.overview, { orgId: BRANCH }, ADMIN)).branches[0].bound;
    const bound = await app.call(roster.bind, { name: '张伟', phoneTail: '1001' }, 'o_bind_zhang');
    expect(bound).toEqual({ branchId: BRANCH, branchName: '东湖社区第一党支部', name: '张伟' });
    const me = await app.call(account.me, {}, 'o_bind_zhang');
    expect(me.roles).toContain('member');
    expect(me.member).toEqual({ branchId: BRANCH, branchName: '东湖社区第一党支部' });
    expect((await app.call(roster.overview, { orgId: BRANCH }, ADMIN)).branches[0].bound).toBe(before + 1);
    // Binding again (a retry) answers the same.
    expect(await app.call(roster.bind, { name: '张伟', phoneTail: '1001' }, 'o_bind_zhang')).toEqual(bound);
  });

  test('two users binding the same entry at once: one wins, the other is told it is taken', async () => {
    const replies = await Promise.all([
      app.invoke(roster.bind, { name: '王芳', phoneTail: '1002' }, 'o_bind_race_a'),
      app.invoke(roster.bind, { name: '王芳', phoneTail: '1002' }, 'o_bind_race_b'),
    ]);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
    expect(replies.filter((reply) => !reply.ok)).toEqual([{ ok: false, error: expect.objectContaining({ code: 'ROSTER.ALREADY_BOUND' }) }]);
    const [entry] = await rosterDocs({ _id: 'roster-03' });
    const winner = replies[0].ok ? 'o_bind_race_a' : 'o_bind_race_b';
    expect(entry.boundOpenid).toBe(winner);
  });

  test('one user binds one entry: a second entry is refused', async () => {
    await app.call(roster.bind, { name: '刘洋', phoneTail: '1003' }, 'o_bind_one');
    expect(await app.invoke(roster.bind, { name: '陈静', phoneTail: '1004' }, 'o_bind_one')).toMatchObject({ ok: false, error: { code: 'ROSTER.USER_BOUND' } });
    expect((await rosterDocs({ _id: 'roster-05' }))[0].boundOpenid).toBeNull();
  });

  test('after five wrong tries a user is stopped for the day, even with the right answer', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect(await app.invoke(roster.bind, { name: '杨帆', phoneTail: '0000' }, 'o_bind_guesser')).toMatchObject({ ok: false, error: { code: 'ROSTER.BIND_REFUSED' } });
    }
    expect(await app.invoke(roster.bind, { name: '杨帆', phoneTail: '1005' }, 'o_bind_guesser')).toMatchObject({ ok: false, error: { code: 'RATE.LIMITED' } });
  });

  test('an entry guessed at from many accounts is locked for the day; staff hand its member an invite code instead', async () => {
    const guesses = await Promise.all(Array.from({ length: 7 }, (_unused, i) => app.invoke(roster.bind, { name: '赵磊', phoneTail: `000${i}` }, `o_bind_sybil_${i}`)));
    expect(guesses.filter((reply) => !reply.ok && reply.error.code === 'RATE.LIMITED').length).toBeGreaterThanOrEqual(2);
    expect(await app.invoke(roster.bind, { name: '赵磊', phoneTail: '1006' }, 'o_bind_zhao')).toMatchObject({ ok: false, error: { code: 'RATE.LIMITED' } });
    const { code } = await app.call(roster.invite, { id: 'roster-07' }, ADMIN);
    expect(await app.call(roster.bind, { code }, 'o_bind_zhao')).toMatchObject({ name: '赵磊' });
    // The code is used up: nobody else binds with it.
    expect(await app.invoke(roster.bind, { code }, 'o_bind_other')).toMatchObject({ ok: false, error: { code: 'ROSTER.BIND_REFUSED' } });
  });

  test('staff unbind: the user is no longer a member and is told; the entry can be bound again', async () => {
    await app.call(roster.bind, { name: '黄丽', phoneTail: '1007' }, 'o_bind_huang');
    expect(await app.call(roster.unbind, { id: 'roster-08' }, ADMIN)).toEqual({ unbound: true });
    const me = await app.call(account.me, {}, 'o_bind_huang');
    expect(me.roles).not.toContain('member');
    expect(me.member).toBeNull();
    const audit = await auditDocs({ targetId: 'roster-08', type: 'roster.unbind' });
    expect(audit).toHaveLength(1);
    expect(await app.call(roster.bind, { name: '黄丽', phoneTail: '1007' }, 'o_bind_huang_new')).toMatchObject({ name: '黄丽' });
  });

  test('moving a bound member to another branch moves their membership with them', async () => {
    await app.call(roster.bind, { name: '林娜', phoneTail: '1015' }, 'o_bind_mover');
    const [entry] = await rosterDocs({ _id: 'roster-16' });
    await app.call(roster.save, { id: entry._id, branchId: 'org-xishan-b1', name: entry.name, joinedAt: entry.joinedAt, confirmedAt: entry.confirmedAt, category: entry.category }, DISTRICT);
    expect((await app.call(account.me, {}, 'o_bind_mover')).member).toEqual({ branchId: 'org-xishan-b1', branchName: '西山社区党支部' });
  });

  test('a retired member (转出) cannot be bound', async () => {
    const [entry] = await rosterDocs({ _id: 'roster-09' });
    await app.call(roster.save, { id: 'roster-09', branchId: BRANCH, name: entry.name, joinedAt: entry.joinedAt, confirmedAt: entry.confirmedAt, category: entry.category, status: '转出' }, ADMIN);
    expect(await app.invoke(roster.bind, { name: entry.name, phoneTail: entry.phone.slice(-4) }, 'o_bind_gone')).toMatchObject({ ok: false, error: { code: 'ROSTER.BIND_REFUSED' } });
  });
});
