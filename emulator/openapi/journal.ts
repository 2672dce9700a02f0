/**
 * An append-only JSON-lines journal: the durable form of the open-API ledger, outbox and check log.
 * Without a file it is a no-op, so the same module code runs in memory for tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Journal<T> {
  /** Events written before this start, oldest first (empty in memory). */
  readonly replay: T[];
  /** Resolves once the events are appended (handed to the OS: appends are not fsynced). */
  append(events: T[]): Promise<void>;
}

/** Opens (creating its folder) the journal at `file`, or an in-memory one when `file` is null. */
export async function openJournal<T>(file: string | null, parse: (value: unknown) => T | null): Promise<Journal<T>> {
  if (!file) return { replay: [], append: async () => undefined };
  await mkdir(dirname(file), { recursive: true });
  const replay: T[] = [];
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    // A crash mid-append leaves a torn last line without its newline: that write was never acknowledged, drop it.
    if (complete.length < text.length) await truncate(file, Buffer.byteLength(complete));
    complete.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      let event: T | null;
      try {
        event = parse(JSON.parse(line));
      } catch (error) {
        throw new Error(`${file}:${index + 1} is not valid JSON: ${(error as Error).message}`);
      }
      if (event) replay.push(event);
    });
  }
  return {
    replay,
    append: (events) => appendFile(file, events.map((event) => `${JSON.stringify(event)}\n`).join('')),
  };
}
