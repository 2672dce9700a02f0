/**
 * The database module: maps the /admin database actions wx-server-sdk sends onto the engine, with the
 * request fields and reply fields @cloudbase/database reads (data.list of EJSON strings, data.total, data.updated...).
 */
import { resolve } from 'node:path';
import { AdminError, TopLevelReply, type AdminCall, type AdminHandler, type EmulatorModule } from '../protocol';
import { decode, decodeObject, encode, isPlainObject, type Doc } from './ejson';
import { Engine, type QueryStats } from './engine';
import { parseManifest, readManifests, type CollectionRule, type IndexSpec } from './indexes';
import type { SyncFile } from './sync';

export type { QueryStats } from './engine';
export type { IndexSpec } from './indexes';

export interface DatabaseOptions {
  dataDir: string | null;
  /** Folder of per-collection index manifests (default: database/collections in the repository). */
  manifestDir?: string;
  /** What to do with a query no declared index supports on a large collection. */
  unindexedQuery?: 'warn' | 'fail' | 'off';
  /** "Large" means more documents than this. */
  scanThreshold?: number;
  log: (line: string) => void;
  /** Flushes a data file before a write is acknowledged (default fdatasync); tests inject a counting one. */
  sync?: SyncFile;
}

export interface DatabaseModule extends EmulatorModule {
  /** Collections created so far. */
  collections(): string[];
  /** Collections that have a manifest in the manifest folder (what `npm start` creates). */
  declaredCollections(): string[];
  /**
   * Each declared collection's security rule from its manifest (null when it has none). Recorded, not enforced:
   * locally no client reaches the database directly — the gateway only runs cloud functions, which rules never bind —
   * so every manifest's closed rule already holds here; `npm run deploy` applies the same rules in the cloud.
   */
  rules(): Record<string, CollectionRule | null>;
  /** Creates a collection unless it exists (setup code; the SDK's createCollection refuses an existing one). */
  createCollection(name: string): Promise<void>;
  /** Same as createCollection (older name kept for callers). */
  ensureCollection(name: string): Promise<void>;
  /**
   * Declares indexes at runtime, in the manifest format of database/collections/<name>.json (`indexes` array);
   * they apply to the collection now (built over its documents) and when it is created later.
   */
  declareIndexes(collection: string, indexes: unknown[]): void;
  /** Documents examined and index used by the last query (tests and benchmarks). */
  lastQueryStats(): QueryStats;
  /**
   * Every collection's documents by id, held by reference: a write replaces a document, never changes it in place, so
   * two snapshots differ exactly where the store changed in between (the abuse suite's "refusals write nothing").
   */
  snapshot(): Map<string, Map<string, Doc>>;
  close(): Promise<void>;
}

export const DEFAULT_MANIFEST_DIR = resolve(__dirname, '../../database/collections');

/** The database module: /admin handlers for every database action wx-server-sdk sends, plus setup and test helpers. */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseModule> {
  const manifests = readManifests(options.manifestDir ?? DEFAULT_MANIFEST_DIR);
  const specs = new Map(manifests.map((manifest) => [manifest.name, manifest.indexes]));
  const rules = Object.fromEntries(manifests.map((manifest) => [manifest.name, manifest.rules ?? null]));
  const engine = await Engine.open({
    dataDir: options.dataDir,
    sync: options.sync,
    indexSpecs: specs,
    unindexedQuery: options.unindexedQuery ?? 'warn',
    scanThreshold: options.scanThreshold ?? 1000,
    log: options.log,
  });

  const handlers: Record<string, AdminHandler> = {
    'database.addCollection': async (call) => {
      await engine.createCollection(text(call, 'collectionName'));
      return {};
    },
    'database.getDocument': (call) => {
      const list = engine.find(text(call, 'collectionName'), filterOf(call), {
        order: optionalObject(call, 'order'),
        offset: optionalNumber(call, 'offset'),
        limit: optionalNumber(call, 'limit'),
        projection: optionalObject(call, 'projection'),
      }, transactionOf(call));
      return { list: list.map(encode), limit: optionalNumber(call, 'limit') ?? 100, offset: optionalNumber(call, 'offset') ?? 0 };
    },
    // Query.updateAndReturn (not exposed by wx-server-sdk, but @cloudbase/database sends it): one document, returned updated.
    'database.modifyAndReturnDoc': async (call) => {
      const result = await engine.modify(text(call, 'collectionName'), filterOf(call), decodeObject(call.params.data, 'data'), {
        multi: false,
        merge: true,
        upsert: false,
      }, transactionOf(call));
      return result.doc ? { updated: result.updated, doc: encode(result.doc) } : { updated: 0 };
    },
    'database.calculateDocument': (call) => ({ total: engine.count(text(call, 'collectionName'), filterOf(call)) }),
    'database.insertDocument': async (call) => {
      if (!Array.isArray(call.params.data) || call.params.data.length === 0) throw new AdminError('INVALID_PARAM', 'data 不能为空');
      const docs = call.params.data.map((item) => decodeObject(item, 'document'));
      const insertedIds = await engine.insert(text(call, 'collectionName'), docs, transactionOf(call));
      return { insertedIds, inserted: insertedIds.length };
    },
    'database.modifyDocument': async (call) => {
      const data = decodeObject(call.params.data, 'data');
      const result = await engine.modify(
        text(call, 'collectionName'),
        filterOf(call),
        data,
        { multi: call.params.multi === true, merge: call.params.merge !== false, upsert: call.params.upsert === true },
        transactionOf(call),
      );
      // @cloudbase/database reads `upsert_id` (wx-server-sdk turns it into stats.created).
      return result.upsertedId === undefined ? { updated: result.updated } : { updated: result.updated, upsert_id: result.upsertedId };
    },
    'database.removeDocument': async (call) => ({
      deleted: await engine.remove(text(call, 'collectionName'), filterOf(call), call.params.multi === true, transactionOf(call)),
    }),
    'database.aggregateDocuments': (call) => {
      const stages = call.params.stages;
      if (!Array.isArray(stages)) throw new AdminError('INVALID_PARAM', 'stages 必须是数组');
      const pipeline = stages.map((stage) => {
        if (!isPlainObject(stage) || typeof stage.stageKey !== 'string') throw new AdminError('INVALID_PARAM', 'bad aggregate stage');
        return { [stage.stageKey]: decode(stage.stageValue) } as Doc;
      });
      return { list: engine.aggregate(text(call, 'collectionName'), pipeline).map(encode) };
    },
    // The SDK reads the transaction id from the top of the reply, not from `data`.
    'database.startTransaction': () => new TopLevelReply({ transactionId: engine.transactions.begin() }),
    'database.commitTransaction': async (call) => {
      await engine.commitTransaction(call.params.transactionId);
      return {};
    },
    'database.abortTransaction': (call) => {
      engine.abortTransaction(call.params.transactionId);
      return {};
    },
  };

  async function ensureCollection(name: string): Promise<void> {
    if (!engine.names().includes(name)) await engine.createCollection(name);
  }

  return {
    handlers: Object.fromEntries(Object.entries(handlers).map(([action, handler]) => [action, asDatabaseErrors(handler)])),
    collections: () => engine.names(),
    declaredCollections: () => [...specs.keys()].sort(),
    rules: () => ({ ...rules }),
    createCollection: ensureCollection,
    ensureCollection,
    declareIndexes: (collection, indexes) => {
      const manifest = parseManifest({ name: collection, indexes }, (what) => new Error(`索引声明不正确 (${collection}): ${what}`));
      manifest.indexes.forEach((spec: IndexSpec) => engine.declareIndex(collection, spec));
    },
    lastQueryStats: () => engine.lastQueryStats(),
    snapshot: () => new Map(engine.names().map((name) => [name, new Map(engine.collection(name).docs)])),
    close: () => engine.close(),
  };
}

/** Errors from mingo (unknown operator, bad expression) are the service's "request failed", never a crash. */
function asDatabaseErrors(handler: AdminHandler): AdminHandler {
  return async (call) => {
    try {
      return await handler(call);
    } catch (error) {
      if (error instanceof AdminError) throw error;
      throw new AdminError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${(error as Error).message ?? String(error)}`);
    }
  };
}

function text(call: AdminCall, field: string): string {
  const value = call.params[field];
  if (typeof value !== 'string' || value === '') throw new AdminError('INVALID_PARAM', `${field} 不能为空`);
  return value;
}

function filterOf(call: AdminCall): Doc {
  return call.params.query === undefined ? {} : decodeObject(call.params.query, 'query');
}

function optionalObject(call: AdminCall, field: string): Doc | undefined {
  return call.params[field] === undefined ? undefined : decodeObject(call.params[field], field);
}

function optionalNumber(call: AdminCall, field: string): number | undefined {
  const value = call.params[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new AdminError('INVALID_PARAM', `${field} 必须是非负整数`);
  return value;
}

function transactionOf(call: AdminCall): string | undefined {
  return typeof call.params.transactionId === 'string' ? call.params.transactionId : undefined;
}

