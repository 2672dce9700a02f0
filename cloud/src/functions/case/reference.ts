/** Reference data cases are checked against: studios, service points, organisation nodes, categories, the calendar. */
import type { WorkCalendar } from '../../../../src/shared/calendar';
import { DEFAULT_CATEGORIES, type CaseCategory } from '../../../../src/shared/cases/categories';
import { AppError, ErrorCodes, fieldError } from '../../../../src/shared/errors';
import type { ServicePointDoc, StudioDoc } from '../../../../src/shared/studios';
import type { Database, Stored } from '../../infra/database';
import { loadWorkCalendar } from '../../infra/holidays';
import { findStudio } from '../../infra/studios';

/** An admin-edited category (`case_categories`); the list falls back to DEFAULT_CATEGORIES while it is empty. */
export interface CategoryDoc extends CaseCategory {
  _id: string;
  order: number;
}


/** The studio, or STUDIO.NOT_FOUND naming the form's studioId field (a form names a studio that does not exist). */
export async function loadStudio(db: Database, studioId: string): Promise<Stored<StudioDoc>> {
  const studio = await findStudio(db, studioId);
  if (!studio) throw fieldError(ErrorCodes.STUDIO_NOT_FOUND, 'studioId', '没有找到这个党代表工作室，请重新选择');
  return studio;
}

/** The service point, which must belong to the studio. */
export async function loadServicePoint(db: Database, pointId: string, studioId: string): Promise<Stored<ServicePointDoc>> {
  const [point] = await db.collection<ServicePointDoc>('service_points').where({ _id: pointId }).limit(1).get();
  if (!point || point.studioId !== studioId) {
    throw fieldError(ErrorCodes.SERVICE_POINT_NOT_FOUND, 'servicePointId', '这个工作室没有这个流动服务点，请重新选择');
  }
  return point;
}

/** The organisation node, or ORG.NOT_FOUND (the tree's repository). */
export { loadOrg } from '../../infra/orgs';

/** The admin-edited categories in their order, or the defaults while none were edited. */
export async function loadCategories(db: Database): Promise<CaseCategory[]> {
  const docs = await db.collection<CategoryDoc>('case_categories').orderBy('order', 'asc').limit(100).get();
  if (docs.length === 0) return DEFAULT_CATEGORIES.map((category) => ({ ...category }));
  return docs.map(({ key, label, limitDays }) => ({ key, label, limitDays }));
}

/** The category of the key, or INPUT.INVALID naming the field. */
export function requireCategory(categories: readonly CaseCategory[], key: string): CaseCategory {
  const category = categories.find((candidate) => candidate.key === key);
  if (!category) throw new AppError(ErrorCodes.INPUT_INVALID, '请选择意见类别', { fields: { category: '没有这个意见类别' } });
  return category;
}

/** The working-day calendar around `now` (built-in, staff-entered years and changed days: see infra/holidays). */
export function loadCalendar(db: Database, now: number): Promise<WorkCalendar> {
  return loadWorkCalendar(db, now);
}
