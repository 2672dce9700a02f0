/**
 * Transactions: writes are staged and invisible to others until commit. A write to a document that another open
 * transaction already wrote, or that was committed since this transaction began, dooms the transaction: its commit
 * answers DATABASE_TRANSACTION_CONFLICT. The conflict is reported by commit, not by the write, because wx-server-sdk
 * wraps errors of doc().update/set/remove (dropping `code`), and runTransaction retries only on a conflict `code` —
 * which therefore can only come from commit.
 */
import { randomBytes } from 'node:crypto';
import { AdminError } from '../protocol';
import type { Collection } from './collection';
import type { Doc } from './ejson';

export interface Transaction {
  id: string;
  /** Engine clock when the transaction began: a document written after this is a conflict. */
  start: number;
  startedAt: number;
  /** collection → id → the document as this transaction wrote it (null: deleted). */
  writes: Map<string, Map<string, Doc | null>>;
  /** The first conflict met by a write: commit answers it. */
  conflict: AdminError | null;
}

/** MongoDB aborts a transaction left open longer than this (transactionLifetimeLimitSeconds). */
export const TRANSACTION_LIFETIME_MS = 60_000;

export class Transactions {
  private readonly open = new Map<string, Transaction>();
  /** "collection\0id" → id of the open transaction holding a staged write on that document. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly clock: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  begin(): string {
    const id = `txn_${randomBytes(16).toString('hex')}`;
    this.open.set(id, { id, start: this.clock(), startedAt: this.now(), writes: new Map(), conflict: null });
    return id;
  }

  /** The open transaction named by a request, null when the request is not transactional. */
  get(transactionId: unknown): Transaction | null {
    if (transactionId === undefined || transactionId === null || transactionId === '') return null;
    const transaction = this.open.get(String(transactionId));
    if (!transaction || this.expired(transaction)) {
      if (transaction) this.release(transaction);
      throw new AdminError('DATABASE_TRANSACTION_FAIL', `[FailedOperation] transaction not found, expired or finished: ${String(transactionId)}`);
    }
    return transaction;
  }

  /** Like get(), and refuses anything but a single-document query: production transactions are single-document only. */
  forQuery(transactionId: unknown, filter: Doc): Transaction | null {
    const transaction = this.get(transactionId);
    if (transaction && (Object.keys(filter).length !== 1 || typeof filter._id !== 'string')) {
      throw singleDocumentOnly();
    }
    return transaction;
  }

  /** Ends a transaction (commit or abort) and releases its documents. */
  finish(transactionId: unknown): Transaction {
    const transaction = this.get(transactionId);
    if (!transaction) throw new AdminError('DATABASE_TRANSACTION_FAIL', '[FailedOperation] transactionId 不能为空');
    this.release(transaction);
    return transaction;
  }

  /** A document as the transaction sees it: its own write, else the committed one. */
  read(transaction: Transaction, collection: Collection, id: string): Doc | undefined {
    const staged = transaction.writes.get(collection.name);
    if (staged?.has(id)) return staged.get(id) ?? undefined;
    return collection.docs.get(id);
  }

  /** Replaces committed documents by the transaction's own writes for the queried ids. */
  overlay(transaction: Transaction, collection: Collection, docs: Doc[], ids: string[]): Doc[] {
    const staged = transaction.writes.get(collection.name);
    if (!staged) return docs;
    const byId = new Map(docs.map((doc) => [String(doc._id), doc]));
    for (const id of ids) {
      if (!staged.has(id)) continue;
      const doc = staged.get(id);
      if (doc) byId.set(id, doc);
      else byId.delete(id);
    }
    return [...byId.values()];
  }

  /** Stages a write; a write-write conflict (another open transaction, or a newer commit) dooms the transaction. */
  stage(transaction: Transaction, collection: Collection, id: string, doc: Doc | null): void {
    const key = `${collection.name}\u0000${id}`;
    const ownerId = this.owners.get(key);
    const owner = ownerId === undefined ? undefined : this.open.get(ownerId);
    if (owner && owner !== transaction && this.expired(owner)) this.release(owner);
    const taken = owner !== undefined && owner !== transaction && this.open.has(owner.id);
    if (taken || (collection.versions.get(id) ?? 0) > transaction.start) transaction.conflict ??= conflictError(collection.name, id);
    else this.owners.set(key, transaction.id);
    let writes = transaction.writes.get(collection.name);
    if (!writes) transaction.writes.set(collection.name, (writes = new Map()));
    writes.set(id, doc);
  }

  /**
   * At commit: a document the transaction wrote must not have been written outside it since. (MongoDB would make
   * that outside write wait for the transaction; the emulator lets it through and fails the transaction instead.)
   */
  checkUnchanged(transaction: Transaction, collection: Collection): void {
    if (transaction.conflict) throw transaction.conflict;
    for (const id of transaction.writes.get(collection.name)?.keys() ?? []) {
      if ((collection.versions.get(id) ?? 0) > transaction.start) throw conflictError(collection.name, id);
    }
  }

  private expired(transaction: Transaction): boolean {
    return this.now() - transaction.startedAt > TRANSACTION_LIFETIME_MS;
  }

  private release(transaction: Transaction): void {
    this.open.delete(transaction.id);
    for (const [name, writes] of transaction.writes) {
      for (const id of writes.keys()) {
        const key = `${name}\u0000${id}`;
        if (this.owners.get(key) === transaction.id) this.owners.delete(key);
      }
    }
  }
}

/** Production transactions allow single-document operations only. */
export function singleDocumentOnly(): AdminError {
  return new AdminError(
    'DATABASE_REQUEST_FAILED',
    '[FailedOperation] 事务中只允许单记录操作 (transactions allow single-document operations only: doc(id).get/set/update/remove, add one document)',
  );
}

function conflictError(collection: string, id: string): AdminError {
  return new AdminError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflicted: write conflict on ${collection}/${id}, please retry the transaction`,
  );
}
