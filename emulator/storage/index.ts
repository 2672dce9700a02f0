/**
 * Cloud storage as wx-server-sdk reaches it: storage.getUploadMetadata hands out a signed upload URL (on us, where
 * production hands out COS), the SDK PUTs the bytes there; batchGetDownloadUrl signs temporary URLs served under
 * /_storage/; batchDeleteFile reports a code per file. Files live under <dataDir>/storage/ or in memory.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_ENV_ID } from '../defaults';
import { AdminError, type AdminCall, type EmulatorModule } from '../protocol';
import { contentTypeOf } from './mime';
import { cloudPathProblem, fileIdOf, parseFileId } from './paths';
import { storageRoutes, type PendingUpload } from './routes';
import { openSigner } from './sign';
import { diskStore, memoryStore, type StoredFile } from './store';

export interface StorageOptions {
  dataDir: string | null;
  /** The emulator's own base URL (known only once it listens): upload and download URLs point at it. */
  publicUrl: () => string;
  /** Env for fileIDs when a call names none (the SDK normally sends its env with every call). */
  envId?: string;
  log: (line: string) => void;
}

export interface StorageModule extends EmulatorModule {
  /** Every stored file with its fileID. */
  files(): Array<StoredFile & { fileID: string }>;
  /** The bytes at `cloudPath`, or null. */
  read(cloudPath: string): Promise<Buffer | null>;
  /** Stores bytes as an upload would (for tools and the gateway, with the uploading client's openid); returns the fileID. Rejects a bad cloudPath. */
  put(cloudPath: string, bytes: Buffer, owner?: string): Promise<string>;
  /** The openid that uploaded `cloudPath` from a client, or null (no such file, or one the cloud wrote). */
  ownerOf(cloudPath: string): string | null;
  has(cloudPath: string): boolean;
  /** A signed temporary URL for `cloudPath`, valid for `maxAge` seconds (default one day). */
  tempFileURL(cloudPath: string, maxAge?: number): string;
}

/** Seconds a temporary URL stays valid when the caller gives no max_age. */
const DEFAULT_MAX_AGE = 86_400;
/** Seconds an upload grant from getUploadMetadata stays usable. */
const UPLOAD_GRANT_SECONDS = 600;

const FAILURES = {
  INVALID_PARAM: '不是有效的 fileID (not a cloud:// fileID)',
  STORAGE_EXCEED_AUTHORITY: '该 fileID 不属于本环境的存储桶 (fileID of another environment)',
  STORAGE_FILE_NONEXIST: '文件不存在 (file does not exist)',
};

/** The storage part of the emulator. */
export async function createStorage(options: StorageOptions): Promise<StorageModule> {
  const folder = options.dataDir ? join(options.dataDir, 'storage') : null;
  const store = folder ? await diskStore(join(folder, 'objects')) : memoryStore();
  const signer = await openSigner(folder ? join(folder, 'secret') : null);
  const defaultEnv = options.envId ?? DEFAULT_ENV_ID;
  const pending = new Map<string, PendingUpload>();
  const envOf = (call: AdminCall): string => (typeof call.params.envName === 'string' && call.params.envName) || call.caller?.ENV || defaultEnv;

  const tempFileURL = (cloudPath: string, maxAge = DEFAULT_MAX_AGE): string => {
    const expires = Math.floor(Date.now() / 1000) + maxAge;
    // The path stays unencoded, as production's: the SDK's downloadFile runs encodeURI over the whole URL itself.
    return `${options.publicUrl()}/_storage/${cloudPath}?sign=${signer.sign(cloudPath, String(expires))}&t=${expires}`;
  };

  const save = async (cloudPath: string, bytes: Buffer, owner?: string): Promise<void> => {
    const file = { cloudPath, size: bytes.length, contentType: contentTypeOf(cloudPath), uploadedAt: new Date().toISOString(), ...(owner ? { owner } : {}) };
    await store.write(file, bytes);
  };

  const handlers = {
    'storage.getUploadMetadata': (call: AdminCall) => {
      const cloudPath = call.params.path;
      if (typeof cloudPath !== 'string') throw new AdminError('INVALID_PARAM', 'storage.getUploadMetadata: path must be a string');
      const now = Date.now();
      for (const [id, grant] of pending) if (grant.expiresAt < now) pending.delete(id);
      const id = randomBytes(12).toString('hex');
      const token = randomBytes(16).toString('hex');
      const authorization = `q-sign-algorithm=sha1&q-signature=${signer.sign('upload', id, token)}`;
      const fileId = fileIdOf(envOf(call), cloudPath);
      pending.set(id, { cloudPath, token, authorization, expiresAt: now + UPLOAD_GRANT_SECONDS * 1000 });
      // The SDK PUTs to `url` with these as headers (Signature/authorization, x-cos-security-token, x-cos-meta-fileid).
      return { url: `${options.publicUrl()}/_cos/upload/${id}`, token, authorization, fileId, cosFileId: `cos-${id}` };
    },

    'storage.batchGetDownloadUrl': (call: AdminCall) => {
      const list = Array.isArray(call.params.file_list) ? call.params.file_list : null;
      if (!list) throw new AdminError('INVALID_PARAM', 'storage.batchGetDownloadUrl: file_list must be an array');
      const env = envOf(call);
      const download_list = list.map((item: unknown) => {
        const fileID = item && typeof item === 'object' && 'fileid' in item && typeof item.fileid === 'string' ? item.fileid : '';
        const rawAge = item && typeof item === 'object' && 'max_age' in item ? Number(item.max_age) : NaN;
        const maxAge = Number.isFinite(rawAge) && rawAge > 0 ? Math.floor(rawAge) : DEFAULT_MAX_AGE;
        const parsed = parseFileId(fileID, env);
        // `message` is what the SDK's downloadFile puts in its error; wx-server-sdk's getTempFileURL maps `code` alone.
        if (!parsed.ok) return { fileID, tempFileURL: '', code: parsed.code, message: FAILURES[parsed.code] };
        if (!store.stat(parsed.cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: FAILURES.STORAGE_FILE_NONEXIST };
        return { fileID, tempFileURL: tempFileURL(parsed.cloudPath, maxAge), code: 'SUCCESS', maxAge };
      });
      return { download_list };
    },

    'storage.batchDeleteFile': async (call: AdminCall) => {
      const list = Array.isArray(call.params.fileid_list) ? call.params.fileid_list : null;
      if (!list) throw new AdminError('INVALID_PARAM', 'storage.batchDeleteFile: fileid_list must be an array');
      const env = envOf(call);
      const delete_list = [];
      for (const item of list) {
        const fileID = typeof item === 'string' ? item : '';
        const parsed = parseFileId(fileID, env);
        if (!parsed.ok) delete_list.push({ fileID, code: parsed.code });
        else delete_list.push({ fileID, code: (await store.remove(parsed.cloudPath)) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' });
      }
      return { delete_list };
    },
  };

  return {
    handlers,
    route: (req, res, url) => storageRoutes({ req, res, url, store, signer, pending, save }),
    files: () => store.list().map((file) => ({ ...file, fileID: fileIdOf(defaultEnv, file.cloudPath) })),
    read: (cloudPath) => store.read(cloudPath),
    async put(cloudPath, bytes, owner) {
      const problem = cloudPathProblem(cloudPath);
      if (problem) throw new Error(problem);
      await save(cloudPath, bytes, owner);
      return fileIdOf(defaultEnv, cloudPath);
    },
    ownerOf: (cloudPath) => store.stat(cloudPath)?.owner ?? null,
    has: (cloudPath) => store.stat(cloudPath) !== null,
    tempFileURL: (cloudPath, maxAge) => tempFileURL(cloudPath, maxAge),
  };
}
