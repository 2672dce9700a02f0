/**
 * `roster`: 党员名册. Staff keep the roster of the branches in their scope — list with bound counts, add, edit, move,
 * retire, tags, import (.xlsx/.csv: preview with per-row errors, then an idempotent confirm), export, invite codes,
 * unbind — and every change lands in `audit_log`. Members bind their WeChat to their entry (name + phone tail, or an
 * invite code). Rules live in domain/roster, storage in infra/roster; this file wires them.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { chinaDate, DAY_MS } from '../../../../src/shared/calendar';
import { roster as contracts } from '../../../../src/shared/contracts/roster';
import type { ImportPreview, ImportProgress, ImportRowView } from '../../../../src/shared/contracts/roster';
import { AppError, ErrorCodes, fieldError } from '../../../../src/shared/errors';
import type { OrgNodeDoc } from '../../../../src/shared/identity';
import { maskPhone, normalizePhone } from '../../../../src/shared/privacy';
import { monthDayOf, rosterKey, type RosterDoc, type RosterEntryView } from '../../../../src/shared/roster';
import { serve, type RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { BIND_LIMITS, INVITE_DAYS, bindConflict, bindRefused, endsBinding, newInviteCode, pickByNameAndTail, tooManyTries } from '../../domain/roster/binding';
import { markDuplicates, memberFormErrors, readRows, type BranchRef, type ImportRow } from '../../domain/roster/rows';
import { readTable } from '../../domain/roster/table';
import { buildRosterWorkbook, exportCells } from '../../domain/roster/workbook';
import { deleteFile, downloadFile, getTempFileURL, isDuplicateKey, uploadFile } from '../../infra/cloud';
import type { Stored } from '../../infra/database';
import { allOrgs, findOrg } from '../../infra/orgs';
import { attemptsRepo, importsRepo, invitesRepo, memberships, rosterRepo, tagsRepo, type RosterImportDoc } from '../../infra/roster';

/** Rows shown in an import preview: every error row first, then valid ones up to this many in all. */
const PREVIEW_ROWS = 200;
/** Rows written at once while confirming, and how long one call keeps writing (a function times out at 60 s). */
const WRITE_BATCH = 25;
const CONFIRM_BUDGET_MS = 40_000;
const LINK_SECONDS = 2 * 60 * 60;

/** One record of `audit_log` for the roster. */
interface RosterAuditDoc {
  _id?: string;
  type: `roster.${'create' | 'update' | 'move' | 'retire' | 'import' | 'export' | 'invite' | 'bind' | 'unbind' | 'tags'}`;
  byOpenid: string;
  byName: string;
  /** The branch (or node) concerned: audit_log is listed by org. */
  orgId: string;
  targetId: string;
  targetName: string;
  detail: string;
  at: number;
}

export const main = serve(contracts, {
  uploadPath: async ({ ext }, ctx) => {
    const name = randomBytes(16).toString('hex');
    const cloudPath = `uploads/${name}.${ext}`;
    await ctx.db.collection('uploads').add({ _id: name, ownerOpenid: ctx.caller.openid, cloudPath, createdAt: ctx.now });
    return { cloudPath };
  },

  overview: async ({ orgId }, ctx) => {
    const { org, orgs } = await scopedOrg(ctx, orgId);
    const counts = new Map((await rosterRepo(ctx.db).countsByBranch(org._id)).map((row) => [row.branchId, row]));
    const names = new Map(orgs.map((node) => [node._id, node.name]));
    const branches = branchesUnder(orgs, org._id).map((branch) => {
      const count = counts.get(branch._id);
      const pathNames = branch.path.slice(Math.max(0, branch.path.indexOf(org._id))).map((id) => names.get(id) ?? '');
      return { id: branch._id, name: branch.name, pathNames, total: count?.total ?? 0, active: count?.active ?? 0, bound: count?.bound ?? 0 };
    });
    return { org: { id: org._id, name: org.name }, branches, tags: await tagsRepo(ctx.db).of(org.path) };
  },

  list: async ({ orgId, offset, limit }, ctx) => {
    const { org, orgs } = await scopedOrg(ctx, orgId);
    const found = await rosterRepo(ctx.db).page(org._id, offset, limit + 1);
    const names = new Map(orgs.map((node) => [node._id, node.name]));
    return { entries: found.slice(0, limit).map((entry) => view(entry, names.get(entry.branchId) ?? '')), hasMore: found.length > limit };
  },

  save: async (input, ctx) => {
    const repo = rosterRepo(ctx.db);
    const existing = input.id ? await repo.byId(input.id) : null;
    if (input.id && !existing) throw notFound();
    if (existing) requireScope(ctx.caller, existing.orgPath, existing.name);
    const branch = await loadBranch(ctx, input.branchId);
    const phone = input.phone === undefined ? existing?.phone ?? '' : input.phone;
    const values = { name: input.name.replace(/\s+/g, ''), gender: input.gender, phone, joinedAt: input.joinedAt, confirmedAt: input.confirmedAt, category: input.category, status: input.status, tags: input.tags };
    const fields = memberFormErrors(values, branch, { tags: await tagsRepo(ctx.db).of(branch.path), today: chinaDate(ctx.now) });
    if (Object.keys(fields).length > 0) throw new AppError(ErrorCodes.INPUT_INVALID, `填写有误：${Object.values(fields)[0]}`, { fields });
    const normalized = { ...values, phone: normalizePhone(values.phone) };
    const key = rosterKey({ ...normalized, branchId: branch.id });
    const fieldsToStore = { ...normalized, branchId: branch.id, orgPath: branch.path, joinedMonthDay: monthDayOf(normalized.joinedAt), key, updatedAt: ctx.now };

    if (!existing) {
      const doc: RosterDoc = { _id: entryId(key), ...fieldsToStore, boundOpenid: null, boundAt: null, createdAt: ctx.now };
      if (!(await repo.addOnce(doc))) {
        const same = await repo.byId(doc._id);
        // A retry of the same add answers the entry; anyone else with that name and phone is a duplicate.
        if (!same || !sameMember(same, doc)) throw duplicate();
        return { entry: view(same, branch.name) };
      }
      await audit(ctx, 'roster.create', branch.id, doc._id, doc.name, `新增党员（${branch.name}）`);
      return { entry: view(doc, branch.name) };
    }

    try {
      await repo.update(existing._id, fieldsToStore);
    } catch (error) {
      if (isDuplicateKey(error)) throw duplicate();
      throw error;
    }
    const moved = existing.branchId !== branch.id;
    const retired = endsBinding(normalized.status) && !endsBinding(existing.status);
    if (existing.boundOpenid) {
      if (endsBinding(normalized.status)) await unbindEntry(ctx, existing, `组织关系状态改为${normalized.status}`);
      else if (moved || existing.name !== normalized.name || existing.tags.join() !== normalized.tags.join()) {
        await memberships(ctx.db).move(existing.boundOpenid, existing._id, branch.id, branch.path, normalized.name, normalized.tags, ctx.now);
      }
    }
    const type = retired ? 'roster.retire' : moved ? 'roster.move' : 'roster.update';
    const detail = retired ? `状态：${existing.status} → ${normalized.status}` : moved ? `调动支部 → ${branch.name}` : changedColumns(existing, fieldsToStore);
    await audit(ctx, type, branch.id, existing._id, normalized.name, detail);
    return { entry: view({ ...existing, ...fieldsToStore, boundOpenid: endsBinding(normalized.status) ? null : existing.boundOpenid }, branch.name) };
  },

  setTags: async ({ orgId, tags }, ctx) => {
    const { org } = await scopedOrg(ctx, orgId);
    const list = [...new Set(tags)];
    await tagsRepo(ctx.db).set(org._id, list, ctx.caller.openid, ctx.now);
    await audit(ctx, 'roster.tags', org._id, org._id, org.name, `标签：${list.join('、')}`);
    return { tags: list };
  },

  importPreview: async ({ orgId, fileID }, ctx) => {
    const { org, orgs } = await scopedOrg(ctx, orgId);
    const kind = await ownUpload(ctx, fileID);
    let bytes: Buffer;
    try {
      bytes = await downloadFile(fileID);
    } catch {
      throw fieldError(ErrorCodes.INPUT_INVALID, 'fileID', '文件没有上传成功，请重新选择');
    }
    const importId = createHash('sha256').update(`${ctx.caller.openid}\0${org._id}\0`).update(bytes).digest('hex').slice(0, 32);
    const imports = importsRepo(ctx.db);
    const known = await imports.byId(importId);
    if (known) return previewOf(known);

    const branches: BranchRef[] = branchesUnder(orgs, org._id).map((node) => ({ id: node._id, name: node.name, path: node.path }));
    const rows = readRows(await readTable(bytes, kind), {
      branches,
      defaultBranchId: org.kind === 'branch' ? org._id : null,
      tags: await tagsRepo(ctx.db).of(org.path),
      today: chinaDate(ctx.now),
    });
    const names = new Map(orgs.map((node) => [node._id, node.name]));
    const onRoster = await rosterRepo(ctx.db).byKeys([...new Set(rows.filter((row) => row.values.name).map((row) => row.key))]);
    // A person already on another street's roster is reported without naming where (that branch is not the admin's).
    const existing = new Map(onRoster.map((entry) => [entry.key, ctx.caller.adminOrgIds.some((id) => entry.orgPath.includes(id)) ? names.get(entry.branchId) ?? '' : null]));
    markDuplicates(rows, existing);

    const valid = rows.filter((row) => row.errors.length === 0);
    const shown = [...rows.filter((row) => row.errors.length > 0), ...valid].slice(0, PREVIEW_ROWS).map(rowView);
    const branchOf = new Map(branches.map((branch) => [branch.id, branch]));
    const doc: RosterImportDoc = {
      _id: importId,
      byOpenid: ctx.caller.openid,
      orgId: org._id,
      orgPath: org.path,
      fileID,
      status: 'pending',
      rows: valid.map((row) => ({
        _id: entryId(row.key),
        ...row.values,
        orgPath: branchOf.get(row.values.branchId)?.path ?? [],
        joinedMonthDay: monthDayOf(row.values.joinedAt),
        key: row.key,
        boundOpenid: null,
        boundAt: null,
        importId,
      })),
      valid: valid.length,
      cursor: 0,
      added: 0,
      invalid: rows.length - valid.length,
      total: rows.length,
      preview: shown,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await imports.addOnce(doc);
    return previewOf(doc);
  },

  importConfirm: async ({ importId }, ctx) => {
    const imports = importsRepo(ctx.db);
    const doc = await imports.byId(importId);
    if (!doc) throw new AppError('ROSTER.IMPORT_NOT_FOUND', '没有找到这次导入，请重新选择文件预览');
    requireScope(ctx.caller, doc.orgPath, '该组织');
    if (doc.status === 'done') return progressOf(doc, doc.valid);
    const repo = rosterRepo(ctx.db);
    const started = Date.now();
    let cursor = doc.cursor;
    // Writes go in batches from the stored cursor; each row has its own _id (and unique key), so a second confirm, a
    // retry after a timeout or two confirms at once add nobody twice: the losing add is a duplicate and is skipped.
    while (cursor < doc.rows.length && Date.now() - started < CONFIRM_BUDGET_MS) {
      const batch = doc.rows.slice(cursor, cursor + WRITE_BATCH);
      const added = await Promise.all(batch.map((row) => repo.addOnce({ ...row, createdAt: ctx.now, updatedAt: ctx.now })));
      cursor += batch.length;
      await imports.advance(importId, cursor, added.filter(Boolean).length, ctx.now);
    }
    if (cursor < doc.rows.length) return progressOf({ ...doc, status: 'running' }, cursor);
    if (await imports.finish(importId, ctx.now)) {
      // The uploaded table holds whole phone numbers: once written, the roster is the one copy.
      await deleteFile([doc.fileID]).catch(() => undefined);
      const final = await imports.byId(importId);
      await audit(ctx, 'roster.import', doc.orgId, importId, '', `导入名册：新增 ${final?.added ?? 0} 人（有效 ${doc.rows.length} 行，有误 ${doc.invalid} 行未导入）`, `import-${importId}`);
    }
    return progressOf({ ...doc, status: 'done' }, doc.rows.length);
  },

  export: async ({ orgId }, ctx) => {
    const { org, orgs } = await scopedOrg(ctx, orgId);
    const names = new Map(orgs.map((node) => [node._id, node.name]));
    const entries = await rosterRepo(ctx.db).all(org._id);
    const workbook = await buildRosterWorkbook(entries.map((entry) => exportCells(entry, names.get(entry.branchId) ?? '')));
    const fileID = await uploadFile(`exports/roster/${org._id}/${ctx.now}.xlsx`, workbook);
    const [link] = await getTempFileURL([fileID], LINK_SECONDS);
    if (!link || link.status !== 0) throw new AppError(ErrorCodes.INTERNAL, '名册已生成，但下载链接获取失败，请稍后再试');
    // Staff need whole phone numbers to edit and re-import: the export is the audited read of them.
    await audit(ctx, 'roster.export', org._id, org._id, org.name, `导出名册 ${entries.length} 人`);
    return { url: link.tempFileURL, fileID, rows: entries.length };
  },

  invite: async ({ id }, ctx) => {
    const entry = await scopedEntry(ctx, id);
    if (endsBinding(entry.status)) throw new AppError(ErrorCodes.INPUT_INVALID, `该党员状态为${entry.status}，不能绑定`);
    const expiresAt = ctx.now + INVITE_DAYS * DAY_MS;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const code = newInviteCode((max) => randomInt(max));
      if (await invitesRepo(ctx.db).add({ _id: code, rosterId: entry._id, expiresAt, usedBy: null, byOpenid: ctx.caller.openid, createdAt: ctx.now })) {
        await audit(ctx, 'roster.invite', entry.branchId, entry._id, entry.name, '生成绑定邀请码');
        return { code, expiresAt };
      }
    }
    throw new AppError(ErrorCodes.INTERNAL, '邀请码生成失败，请再试一次');
  },

  unbind: async ({ id }, ctx) => {
    const entry = await scopedEntry(ctx, id);
    if (!entry.boundOpenid) return { unbound: false };
    return { unbound: await unbindEntry(ctx, entry, '工作人员解除绑定') };
  },

  bind: async (input, ctx) => {
    const { db, caller, now } = ctx;
    const repo = rosterRepo(db);
    const day = chinaDate(now);
    const attempts = attemptsRepo(db);
    const boundTo = await memberships(db).boundRosterId(caller.openid);
    const userKey = `u-${createHash('sha256').update(caller.openid).digest('hex').slice(0, 24)}`;
    let entry: Stored<RosterDoc> | null;
    let inviteCode: string | null = null;
    if ('code' in input) {
      const invite = await invitesRepo(db).byCode(input.code);
      // Using one's own code again (a retry) costs nothing.
      const retry = invite !== null && invite.usedBy === caller.openid && boundTo === invite.rosterId;
      if (!retry && !(await attempts.spend(userKey, day, BIND_LIMITS.perUser))) throw tooManyTries();
      if (!invite || (!retry && (invite.expiresAt < now || (invite.usedBy && invite.usedBy !== caller.openid)))) {
        throw new AppError('ROSTER.BIND_REFUSED', '邀请码不对或已失效，请向支部重新要一个');
      }
      entry = await repo.byId(invite.rosterId);
      inviteCode = input.code;
    } else {
      const named = await repo.byName(input.name.replace(/\s+/g, ''));
      const mine = named.find((candidate) => candidate._id === boundTo && candidate.boundOpenid === caller.openid);
      if (mine && mine.phone.replace(/\D/g, '').endsWith(input.phoneTail)) entry = mine;
      else {
        if (!(await attempts.spend(userKey, day, BIND_LIMITS.perUser))) throw tooManyTries();
        // Each entry of that name pays too: many accounts guessing one member's tail run out as fast as one.
        const spent = await Promise.all(named.map((candidate) => attempts.spend(`e-${candidate._id}`, day, BIND_LIMITS.perEntry)));
        if (spent.includes(false)) throw tooManyTries();
        entry = pickByNameAndTail(named, input.phoneTail);
      }
    }
    if (!entry) throw bindRefused();
    const conflict = bindConflict(entry, { openid: caller.openid, boundRosterId: boundTo }, entry._id);
    if (conflict) throw conflict;
    const branch = await findOrg(db, entry.branchId);
    if (entry.boundOpenid !== caller.openid) {
      if (!(await repo.claim(entry._id, caller.openid, now))) {
        throw bindConflict({ ...entry, boundOpenid: 'someone-else' }, { openid: caller.openid, boundRosterId: null }, entry._id) ?? bindRefused();
      }
      const member = { branchId: entry.branchId, rosterId: entry._id, name: entry.name, orgPath: entry.orgPath, tags: entry.tags };
      if (!(await memberships(db).take(caller.openid, member, now))) {
        // Bound to another entry meanwhile (two binds at once): give this one back.
        await repo.release(entry._id, caller.openid, now);
        throw bindConflict(entry, { openid: caller.openid, boundRosterId: 'another' }, entry._id) ?? bindRefused();
      }
      if (inviteCode) await invitesRepo(db).use(inviteCode, caller.openid);
      await audit(ctx, 'roster.bind', entry.branchId, entry._id, entry.name, inviteCode ? '凭邀请码绑定微信' : '凭姓名和手机尾号绑定微信');
    }
    return { branchId: entry.branchId, branchName: branch?.name ?? '', name: entry.name };
  },
});

/** The org node, checked to lie in the caller's scope, with every node (for names and branches). */
async function scopedOrg(ctx: RequestContext, orgId: string): Promise<{ org: Stored<OrgNodeDoc>; orgs: Array<Stored<OrgNodeDoc>> }> {
  const orgs = await allOrgs(ctx.db);
  const org = orgs.find((node) => node._id === orgId);
  if (!org) throw fieldError(ErrorCodes.ORG_NOT_FOUND, 'orgId', '没有找到这个组织');
  requireScope(ctx.caller, org.path, org.name);
  return { org, orgs };
}

async function scopedEntry(ctx: RequestContext, id: string): Promise<Stored<RosterDoc>> {
  const entry = await rosterRepo(ctx.db).byId(id);
  if (!entry) throw notFound();
  requireScope(ctx.caller, entry.orgPath, entry.name);
  return entry;
}


/** A branch (支部) inside the caller's scope. */
async function loadBranch(ctx: RequestContext, branchId: string): Promise<BranchRef> {
  const node = await findOrg(ctx.db, branchId);
  if (!node) throw fieldError(ErrorCodes.ORG_NOT_FOUND, 'branchId', '没有找到这个支部');
  requireScope(ctx.caller, node.path, node.name);
  if (node.kind !== 'branch') throw fieldError(ErrorCodes.INPUT_INVALID, 'branchId', '党员只能放在党支部下，请选择支部');
  return { id: node._id, name: node.name, path: node.path };
}

function branchesUnder(orgs: ReadonlyArray<Stored<OrgNodeDoc>>, orgId: string): Array<Stored<OrgNodeDoc>> {
  return orgs.filter((node) => node.kind === 'branch' && node.path.includes(orgId));
}

/** The upload is the caller's own (a path roster.uploadPath handed them); answers the table kind. */
async function ownUpload(ctx: RequestContext, fileID: string): Promise<'xlsx' | 'csv'> {
  const match = /^cloud:\/\/[^/]+\/(uploads\/([0-9a-f]{32})\.(xlsx|csv))$/.exec(fileID);
  const [upload] = match ? await ctx.db.collection<{ ownerOpenid: string; cloudPath: string }>('uploads').where({ _id: match[2] }).limit(1).get() : [];
  if (!match || !upload || upload.ownerOpenid !== ctx.caller.openid || upload.cloudPath !== match[1]) {
    throw fieldError(ErrorCodes.INPUT_INVALID, 'fileID', '文件没有上传成功，请重新选择');
  }
  return match[3] as 'xlsx' | 'csv';
}

/** Ends a binding from the staff side (unbind, or a status that ends membership); the member is told. */
async function unbindEntry(ctx: RequestContext, entry: Stored<RosterDoc>, reason: string): Promise<boolean> {
  const openid = entry.boundOpenid;
  if (!openid) return false;
  const released = await rosterRepo(ctx.db).release(entry._id, openid, ctx.now);
  await memberships(ctx.db).drop(openid, entry._id, ctx.now);
  if (!released) return false;
  await audit(ctx, 'roster.unbind', entry.branchId, entry._id, entry.name, reason);
  await ctx.notify({
    to: [openid],
    kind: 'roster_unbound',
    title: '您的党员身份绑定已解除',
    body: `${reason}。如有疑问请联系所在支部，需要时可重新绑定。`,
    link: '/pages/me/index',
  });
  return true;
}

async function audit(ctx: RequestContext, type: RosterAuditDoc['type'], orgId: string, targetId: string, targetName: string, detail: string, id?: string): Promise<void> {
  const doc: RosterAuditDoc = { type, byOpenid: ctx.caller.openid, byName: ctx.caller.name, orgId, targetId, targetName, detail, at: ctx.now };
  try {
    await ctx.db.collection<RosterAuditDoc>('audit_log').add(id ? { _id: id, ...doc } : doc);
  } catch (error) {
    // A keyed record (an import's) written by a concurrent confirm already.
    if (!(id && isDuplicateKey(error))) throw error;
  }
}

/** An entry's id from who the person is: the same person imported or added twice gets the same id. */
function entryId(key: string): string {
  return `r_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

function sameMember(a: RosterDoc, b: RosterDoc): boolean {
  const keys: Array<keyof RosterDoc> = ['branchId', 'name', 'gender', 'phone', 'joinedAt', 'confirmedAt', 'category', 'status'];
  return keys.every((key) => a[key] === b[key]) && a.tags.join() === b.tags.join();
}

const COLUMN_LABELS: Partial<Record<keyof RosterDoc, string>> = {
  name: '姓名', gender: '性别', phone: '手机号', joinedAt: '入党日期', confirmedAt: '转正日期', category: '党员类别', status: '状态', tags: '标签',
};

/** Which columns an edit changed (never their values: the audit log shows no phone numbers). */
function changedColumns(before: RosterDoc, after: Partial<RosterDoc>): string {
  const changed = (Object.keys(COLUMN_LABELS) as Array<keyof RosterDoc>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return changed.length ? `修改：${changed.map((key) => COLUMN_LABELS[key]).join('、')}` : '保存（无改动）';
}

function view(entry: RosterDoc, branchName: string): RosterEntryView {
  return {
    id: entry._id,
    branchId: entry.branchId,
    branchName,
    name: entry.name,
    gender: entry.gender,
    phoneMasked: entry.phone ? maskPhone(entry.phone) : '',
    joinedAt: entry.joinedAt,
    confirmedAt: entry.confirmedAt,
    category: entry.category,
    status: entry.status,
    tags: entry.tags,
    bound: Boolean(entry.boundOpenid),
  };
}

function rowView(row: ImportRow): ImportRowView {
  return {
    row: row.row,
    name: row.cells['姓名'],
    branchName: row.cells['所在支部'],
    phoneMasked: row.cells['手机号'] ? maskPhone(row.cells['手机号']) : '',
    joinedAt: row.cells['入党日期'],
    confirmedAt: row.cells['转正日期'],
    category: row.cells['党员类别'],
    status: row.cells['状态'],
    tags: row.cells['标签'],
    errors: row.errors.map((error) => ({ column: error.column, message: error.message })),
  };
}

function previewOf(doc: RosterImportDoc): ImportPreview {
  return { importId: doc._id, status: doc.status, total: doc.total, valid: doc.valid, invalid: doc.invalid, rows: doc.preview as ImportRowView[] };
}

function progressOf(doc: Pick<RosterImportDoc, '_id' | 'status' | 'valid'>, written: number): ImportProgress {
  return { importId: doc._id, status: doc.status === 'done' ? 'done' : 'running', written, total: doc.valid };
}

function notFound(): AppError {
  return new AppError('ROSTER.NOT_FOUND', '名册中没有找到这位党员');
}

function duplicate(): AppError {
  return new AppError('ROSTER.DUPLICATE', '名册中已有此人（姓名和手机号相同）', { fields: { name: '名册中已有此人（姓名和手机号相同）' } });
}
