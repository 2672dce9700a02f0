/**
 * `roster`: 党员名册. Staff keep the roster of the branches in their scope — list with bound counts, add, edit, move,
 * retire, tags, import (.xlsx/.csv: preview with per-row errors, then an idempotent confirm), export, invite codes,
 * unbind — and every change lands in `audit_log`. Members bind their WeChat to their entry (name + phone tail, or an
 * invite code). Rules live in domain/roster, storage in infra/roster; import/export (imports.ts) and binding (binding.ts) are their own
 * use cases; this file wires them and keeps the staff's edits.
 */
import { chinaDate } from '../../../../src/shared/calendar';
import { roster as contracts } from '../../../../src/shared/contracts/roster';
import { AppError, ErrorCodes, fieldError } from '../../../../src/shared/errors';
import { maskPhone, normalizePhone } from '../../../../src/shared/privacy';
import { monthDayOf, rosterKey, type RosterDoc, type RosterEntryView } from '../../../../src/shared/roster';
import { serve, type RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { endsBinding } from '../../domain/roster/binding';
import { memberFormErrors, type BranchRef } from '../../domain/roster/rows';
import { isDuplicateKey } from '../../infra/cloud';
import { findOrg } from '../../infra/orgs';
import { memberships, rosterRepo, tagsRepo } from '../../infra/roster';
import { newUploadPath } from '../../infra/uploads';
import { bind, invite, unbind } from './binding';
import { audit, branchesUnder, entryId, notFound, scopedOrg, unbindEntry } from './common';
import { exportRoster, importConfirm, importPreview } from './imports';

export const main = serve(contracts, {
  uploadPath: async ({ ext }, ctx) => ({ cloudPath: await newUploadPath(ctx.db, ctx.caller.openid, ext, ctx.now) }),

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

  importPreview,
  importConfirm,
  export: exportRoster,
  invite,
  unbind,
  bind,
});

/** A branch (支部) inside the caller's scope. */
async function loadBranch(ctx: RequestContext, branchId: string): Promise<BranchRef> {
  const node = await findOrg(ctx.db, branchId);
  if (!node) throw fieldError(ErrorCodes.ORG_NOT_FOUND, 'branchId', '没有找到这个支部');
  requireScope(ctx.caller, node.path, node.name);
  if (node.kind !== 'branch') throw fieldError(ErrorCodes.INPUT_INVALID, 'branchId', '党员只能放在党支部下，请选择支部');
  return { id: node._id, name: node.name, path: node.path };
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

function duplicate(): AppError {
  return new AppError('ROSTER.DUPLICATE', '名册中已有此人（姓名和手机号相同）', { fields: { name: '名册中已有此人（姓名和手机号相同）' } });
}
