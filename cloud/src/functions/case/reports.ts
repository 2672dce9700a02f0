/**
 * Staff reports within the admin's scope: the figures of an organisation node or a studio for a period (ONE
 * aggregation), and the 台账 workbook exported through cloud storage with a temporary link (the export is audited).
 */
import { addDays, endOfChinaDay } from '../../../../src/shared/calendar';
import type { CaseEventDoc } from '../../../../src/shared/cases/model';
import type { FiguresAnswer } from '../../../../src/shared/contracts/case';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import type { RequestContext } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { figuresFromAggregate, figuresPipeline } from '../../domain/cases/figures';
import { buildLedgerWorkbook } from '../../domain/cases/ledger';
import { runPipeline } from '../../infra/aggregate';
import { getTempFileURL, uploadFile } from '../../infra/cloud';
import { readAll, type Database } from '../../infra/database';
import { allStudios } from '../../infra/studios';
import { loadCategories, loadOrg, loadStudio } from './reference';
import { casesOf, eventsOf, type StoredCase } from './store';

/** One record of `audit_log`: staff actions on data in bulk (exports). */
export interface AuditLogDoc {
  type: 'export';
  byOpenid: string;
  byName: string;
  orgId: string;
  from: string;
  to: string;
  rows: number;
  fileID: string;
  at: number;
}

/** Epoch ms [from, to) of China-time dates given inclusive; INPUT.INVALID when they are reversed. */
export function periodOf(from: string, to: string): { from: number; to: number } {
  if (from > to) throw new AppError(ErrorCodes.INPUT_INVALID, '开始日期不能晚于结束日期', { fields: { from: '开始日期不能晚于结束日期' } });
  try {
    return { from: endOfChinaDay(addDays(from, -1)) + 1, to: endOfChinaDay(to) + 1 };
  } catch {
    throw new AppError(ErrorCodes.INPUT_INVALID, '日期不正确', { fields: { from: '日期不正确' } });
  }
}

/** 办理统计 of an organisation node (rolled up over its subtree) or of one studio, for a period. */
export async function figures(input: { orgId: string; from: string; to: string } | { studioId: string; from: string; to: string }, ctx: RequestContext): Promise<FiguresAnswer> {
  const period = periodOf(input.from, input.to);
  let scope: FiguresAnswer['scope'];
  if ('orgId' in input) {
    const org = await loadOrg(ctx.db, input.orgId);
    requireScope(ctx.caller, org.path, org.name);
    scope = { kind: 'org', id: org._id, name: org.name };
  } else {
    const studio = await loadStudio(ctx.db, input.studioId);
    requireScope(ctx.caller, studio.orgPath, studio.name);
    scope = { kind: 'studio', id: studio._id, name: studio.name };
  }
  const pipeline = figuresPipeline({
    ...(scope.kind === 'org' ? { orgNodeId: scope.id } : { studioId: scope.id }),
    ...period,
    now: ctx.now,
  });
  const rows = await runPipeline(casesOf(ctx.db).aggregate(), pipeline);
  return { ...figuresFromAggregate(rows, period), scope, from: input.from, to: input.to };
}

/** More cases than this in one export is more than a cloud function's time and memory allow: ask for a shorter period. */
export const EXPORT_LIMIT = 5000;
const EVENT_BATCH = 100;
const LINK_SECONDS = 2 * 60 * 60;

/** The 台账 of an organisation node for a period as an .xlsx in cloud storage, with a temporary download link. */
export async function exportLedger(input: { orgId: string; from: string; to: string }, ctx: RequestContext): Promise<{ url: string; fileID: string; rows: number }> {
  const { db, caller, now } = ctx;
  const period = periodOf(input.from, input.to);
  const org = await loadOrg(db, input.orgId);
  requireScope(caller, org.path, org.name);
  const [cases, studios, categories] = await Promise.all([
    casesInPeriod(db, org._id, period),
    allStudios(db, { name: true }),
    loadCategories(db),
  ]);
  const events = await eventsOfCases(db, cases.map((doc) => doc._id));
  const workbook = await buildLedgerWorkbook({
    cases,
    events,
    // Admins call back residents, so their 台账 carries contact columns; the export itself is the audited read.
    viewer: { canSeeContact: true },
    period,
    generatedAt: now,
    generatedBy: caller.name || '管理员',
    studioNames: Object.fromEntries(studios.map((studio) => [studio._id, studio.name])),
    categoryLabels: Object.fromEntries(categories.map((category) => [category.key, category.label])),
  });
  const fileID = await uploadFile(`exports/${org._id}/${now}.xlsx`, workbook);
  const [link] = await getTempFileURL([fileID], LINK_SECONDS);
  if (!link || link.status !== 0) throw new AppError(ErrorCodes.INTERNAL, '台账已生成，但下载链接获取失败，请稍后再试');
  const audit: AuditLogDoc = { type: 'export', byOpenid: caller.openid, byName: caller.name, orgId: org._id, from: input.from, to: input.to, rows: cases.length, fileID, at: now };
  await db.collection<AuditLogDoc>('audit_log').add(audit);
  return { url: link.tempFileURL, fileID, rows: cases.length };
}

/** Cases of the node's subtree created in the period, oldest first (pages of 1000, the cloud's maximum). */
async function casesInPeriod(db: Database, orgId: string, period: { from: number; to: number }): Promise<StoredCase[]> {
  const _ = db.command;
  const query = casesOf(db).where({ orgPath: orgId, createdAt: _.gte(period.from).and(_.lt(period.to)) }).orderBy('createdAt', 'asc');
  return readAll(query, { max: EXPORT_LIMIT, tooMany: () => new AppError(ErrorCodes.INPUT_INVALID, `该时段意见超过 ${EXPORT_LIMIT} 件，请缩短时段分批导出`) });
}

/** The audit trails of the cases (internal events are dropped by the workbook itself). */
async function eventsOfCases(db: Database, caseIds: string[]): Promise<CaseEventDoc[]> {
  const _ = db.command;
  const all: CaseEventDoc[] = [];
  for (let start = 0; start < caseIds.length; start += EVENT_BATCH) {
    all.push(...(await readAll(eventsOf(db).where({ caseId: _.in(caseIds.slice(start, start + EVENT_BATCH)) }).orderBy('at', 'asc'))));
  }
  return all;
}
