/**
 * Where stored files live: in memory, or one file per object under <dataDir>/storage/objects/ (named by the hash of
 * its cloud path, so any path maps to a flat, safe name) with a JSON sidecar holding its path and metadata.
 * A write is acknowledged only after the bytes and then the sidecar are fsynced and renamed into place.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';

// owner: the openid of a client upload (CloudBase keeps the creator of every client upload); absent for the cloud's own.
const StoredFile = v.object({ cloudPath: v.string(), size: v.number(), contentType: v.string(), uploadedAt: v.string(), owner: v.optional(v.string()) });
export type StoredFile = v.InferOutput<typeof StoredFile>;

export interface ObjectStore {
  /** Metadata of every stored file. */
  list(): StoredFile[];
  stat(cloudPath: string): StoredFile | null;
  read(cloudPath: string): Promise<Buffer | null>;
  write(file: StoredFile, bytes: Buffer): Promise<void>;
  /** False when there was no such file. */
  remove(cloudPath: string): Promise<boolean>;
}

/** A store that forgets everything on exit (tests). */
export function memoryStore(): ObjectStore {
  const files = new Map<string, { file: StoredFile; bytes: Buffer }>();
  return {
    list: () => [...files.values()].map(({ file }) => file),
    stat: (cloudPath) => files.get(cloudPath)?.file ?? null,
    read: async (cloudPath) => files.get(cloudPath)?.bytes ?? null,
    write: async (file, bytes) => {
      files.set(file.cloudPath, { file, bytes: Buffer.from(bytes) });
    },
    remove: async (cloudPath) => files.delete(cloudPath),
  };
}

/** A store in `folder`, loading what an earlier run left (and sweeping what a crash left half-written). */
export async function diskStore(folder: string): Promise<ObjectStore> {
  await mkdir(folder, { recursive: true });
  const index = new Map<string, StoredFile>();
  const nameOf = (cloudPath: string): string => createHash('sha256').update(cloudPath).digest('hex');
  const names = await readdir(folder);
  for (const name of names) {
    if (name.endsWith('.tmp')) await unlink(join(folder, name));
    if (!name.endsWith('.json')) continue;
    const parsed = v.safeParse(StoredFile, JSON.parse(await readFile(join(folder, name), 'utf8')));
    if (!parsed.success) throw new Error(`${join(folder, name)} is not a stored-file record: ${v.summarize(parsed.issues)}`);
    if (existsSync(join(folder, nameOf(parsed.output.cloudPath)))) index.set(parsed.output.cloudPath, parsed.output);
  }
  const present = new Set(names);
  for (const name of names) {
    // Bytes whose sidecar never landed (or was removed first by a delete) belong to no acknowledged file.
    if (/^[0-9a-f]{64}$/.test(name) && !present.has(`${name}.json`)) await unlink(join(folder, name));
  }

  const durableWrite = async (path: string, bytes: Buffer | string): Promise<void> => {
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  };

  return {
    list: () => [...index.values()],
    stat: (cloudPath) => index.get(cloudPath) ?? null,
    read: async (cloudPath) => (index.has(cloudPath) ? readFile(join(folder, nameOf(cloudPath))) : null),
    async write(file, bytes) {
      const path = join(folder, nameOf(file.cloudPath));
      await durableWrite(path, bytes);
      await durableWrite(`${path}.json`, JSON.stringify(file));
      index.set(file.cloudPath, file);
    },
    async remove(cloudPath) {
      if (!index.has(cloudPath)) return false;
      const path = join(folder, nameOf(cloudPath));
      index.delete(cloudPath);
      // Sidecar first: a crash in between leaves orphan bytes (swept at start), never a record without bytes.
      await unlink(`${path}.json`);
      await unlink(path);
      return true;
    },
  };
}
