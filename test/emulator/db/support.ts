/** Shared setup for the database parity suites: the real wx-server-sdk against an in-memory emulator. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorOptions } from '../../../emulator/server';
import { startTestCloud, type TestCloud } from '../../support/cloud';

export type Row = Record<string, unknown> & { _id: string };

/** wx-server-sdk types every call as `Promise<X> | void | string` (callback overloads); without a callback it is the promise. */
export function sdkResult<T>(result: Promise<T> | void | string): Promise<T> {
  if (!(result instanceof Promise)) throw new Error('wx-server-sdk did not return a promise');
  return result;
}

export interface IndexDeclaration {
  name: string;
  unique?: boolean;
  fields: string[];
}

/** Writes a manifest file in the format of database/collections/<name>.json. */
export function writeManifest(dir: string, name: string, indexes: IndexDeclaration[]): void {
  mkdirSync(dir, { recursive: true });
  const body = { name, indexes: indexes.map((i) => ({ name: i.name, unique: i.unique ?? false, keys: i.fields.map((field) => ({ field, direction: 1 })) })) };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(body));
}

/** A temp folder of manifests for the given collections. */
export function manifestFolder(collections: Record<string, IndexDeclaration[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-manifests-'));
  for (const [name, indexes] of Object.entries(collections)) writeManifest(dir, name, indexes);
  return dir;
}

export type Database = ReturnType<TestCloud['sdk']['database']>;

/** Starts the test cloud; `fresh()` creates a new, uniquely named collection so tests never share state. */
export async function startDatabaseCloud(options: EmulatorOptions = {}): Promise<{ cloud: TestCloud; db: () => Database; fresh: (prefix?: string) => Promise<string> }> {
  const cloud = await startTestCloud(options);
  const db = (): Database => cloud.sdk.database();
  let seq = 0;
  const fresh = async (prefix = 'c'): Promise<string> => {
    const name = `${prefix}_${++seq}`;
    await sdkResult(db().createCollection(name));
    return name;
  };
  return { cloud, db, fresh };
}
