/**
 * Flushing a data file to the disk before a write is acknowledged. nedb appends with fs.appendFile, which hands the
 * bytes to the OS only: they survive kill -9 but not a power cut. Every commit therefore fdatasyncs the collection's
 * file once (one flush per commit, however many documents it holds) before the SDK call that asked for it returns.
 */
import { open } from 'node:fs/promises';

/** Makes `filename`'s appended bytes durable. */
export type SyncFile = (filename: string) => Promise<void>;

/** fdatasync through a fresh descriptor: nedb may have replaced the file (compaction renames), so none is kept open. */
export const fsyncFile: SyncFile = async (filename) => {
  const handle = await open(filename, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};
