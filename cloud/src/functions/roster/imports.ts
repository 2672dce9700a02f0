/**
 * 名册导入导出: a preview with per-row errors (nothing written), a confirm that writes in batches from a stored cursor
 * (idempotent: every row has its own id), and the export in the same columns.
 */
import { createHash } from 'node:crypto';
import { chinaDate } from '../../../../src/shared/calendar';
import type { ImportPreview, ImportProgress, ImportRowView } from '../../../../src/shared/contracts/roster';
import { AppError, ErrorCodes, fieldError } from '../../../../src/shared/errors';
import { maskPhone } from '../../../../src/shared/privacy';
import { monthDayOf } from '../../../../src/shared/roster';
import { requireScope } from '../../domain/access';
import { markDuplicates, readRows, type BranchRef, type ImportRow } from '../../domain/roster/rows';
import { readTable } from '../../domain/roster/table';
import { buildRosterWorkbook, exportCells } from '../../domain/roster/workbook';
import { deleteFile, downloadFile, getTempFileURL, uploadFile } from '../../infra/cloud';
import { importsRepo, rosterRepo, tagsRepo, type RosterImportDoc } from '../../infra/roster';
import { requireOwnTable } from '../../infra/uploads';
import { audit, branchesUnder, entryId, scopedOrg, type Handler } from './common';

/** Rows shown in an import preview: every error row first, then valid ones up to this many in all. */
const PREVIEW_ROWS = 200;
/** Rows written at once while confirming, and how long one call keeps writing (a function times out at 60 s). */
const WRITE_BATCH = 25;
const CONFIRM_BUDGET_MS = 40_000;
const LINK_SECONDS = 2 * 60 * 60;

export const importPreview: Handler<'importPreview'> = async ({ orgId, fileID }, ctx) => {
  const { org, orgs } = await scopedOrg(ctx, orgId);
  const kind = await requireOwnTable(ctx.db, ctx.caller.openid, fileID);
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
};

export const importConfirm: Handler<'importConfirm'> = async ({ importId }, ctx) => {
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
};

export const exportRoster: Handler<'export'> = async ({ orgId }, ctx) => {
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
};

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
