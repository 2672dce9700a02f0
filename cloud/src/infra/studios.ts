/**
 * 党代表工作室 (`studios`) as functions and timers read them. One deployment serves one district: tens of studios, well
 * within one page of 1000.
 */
import type { StudioDoc } from '../../../src/shared/studios';
import type { Database, Projection, Stored } from './database';

export const studiosOf = (db: Database) => db.collection<StudioDoc>('studios');

/** The studio, or null (callers name the error: a form field, a scope, a printed code). */
export async function findStudio(db: Database, id: string): Promise<Stored<StudioDoc> | null> {
  return (await studiosOf(db).where({ _id: id }).limit(1).get())[0] ?? null;
}

/** Every studio, oldest first (the directory's order). */
export async function allStudios(db: Database, projection?: Projection): Promise<Array<Stored<StudioDoc>>> {
  const query = studiosOf(db).orderBy('createdAt', 'asc').limit(1000);
  return projection ? query.field(projection).get() : query.get();
}

/** The studios inside an organisation node's subtree. */
export async function studiosUnder(db: Database, orgId: string): Promise<Array<Stored<StudioDoc>>> {
  return studiosOf(db).where({ orgPath: orgId }).limit(1000).get();
}

/** The studios among these ids (missing ones left out). */
export async function studiosByIds(db: Database, ids: readonly string[], projection?: Projection): Promise<Array<Stored<StudioDoc>>> {
  if (!ids.length) return [];
  const query = studiosOf(db).where({ _id: db.command.in([...ids]) }).limit(1000);
  return projection ? query.field(projection).get() : query.get();
}
