/**
 * Cloud paths and file IDs as CloudBase storage shapes them: fileID = cloud://<env>.<bucket>/<cloudPath>,
 * with the bucket named after the env (<hex of its first two letters>-<env>-<account number>).
 */

/** The account number our buckets carry (production: the Tencent Cloud APPID). */
const ACCOUNT = '1300000000';
/** Longest cloudPath CloudBase accepts, in UTF-8 bytes. */
const MAX_PATH_BYTES = 850;
/** ASCII CAN, EM, SUB, ESC (24–27): refused by CloudBase in names. */
const hasForbiddenChar = (text: string): boolean => [...text].some((char) => char.charCodeAt(0) >= 24 && char.charCodeAt(0) <= 27);

/** The storage bucket of an environment, e.g. "6c69-lianxin-local-1300000000". */
export function bucketOf(env: string): string {
  return `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-${ACCOUNT}`;
}

/** The fileID production would give `cloudPath` in `env`. */
export function fileIdOf(env: string, cloudPath: string): string {
  return `cloud://${env}.${bucketOf(env)}/${cloudPath}`;
}

export type ParsedFileId = { ok: true; env: string; cloudPath: string } | { ok: false; code: 'INVALID_PARAM' | 'STORAGE_EXCEED_AUTHORITY' };

/** Splits a fileID of `env`'s bucket; another bucket is outside our authority, a non-fileID is invalid. */
export function parseFileId(fileId: string, env: string): ParsedFileId {
  const match = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId);
  if (!match) return { ok: false, code: 'INVALID_PARAM' };
  const [, fileEnv, bucket, cloudPath] = match;
  if (fileEnv !== env || bucket !== bucketOf(env)) return { ok: false, code: 'STORAGE_EXCEED_AUTHORITY' };
  return { ok: true, env, cloudPath };
}

/** Why CloudBase would refuse `cloudPath` as an object name, or null when it is acceptable. */
export function cloudPathProblem(cloudPath: string): string | null {
  if (!cloudPath) return 'cloudPath 不能为空 (cloudPath must not be empty)';
  if (cloudPath.startsWith('/')) return 'cloudPath 不能以 / 开头 (cloudPath must not start with /)';
  if (cloudPath.includes('//')) return 'cloudPath 不能出现连续的 / (cloudPath must not contain //)';
  if (Buffer.byteLength(cloudPath) > MAX_PATH_BYTES) return `cloudPath 最长 ${MAX_PATH_BYTES} 字节 (cloudPath is longer than ${MAX_PATH_BYTES} bytes)`;
  if (hasForbiddenChar(cloudPath)) return 'cloudPath 含有不支持的控制字符 (cloudPath contains CAN/EM/SUB/ESC)';
  // Not a production rule, but "." and ".." segments would make the local URLs ambiguous.
  if (cloudPath.split('/').some((segment) => segment === '.' || segment === '..')) return 'cloudPath 不能包含 . 或 .. 路径段 (no . or .. segments)';
  return null;
}
