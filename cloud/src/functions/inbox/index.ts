/**
 * `inbox`: the caller's own messages (never anyone else's), unread badge, mark read (by id, by page, all), and subscribe
 * credits. A member's page is two indexed queries: their own entries (personal notices, and read marks of broadcasts)
 * and the broadcasts addressed to their branch (fan-out on read, see src/shared/push); reading a broadcast writes its
 * read mark under `push:<job>:<openid>`, which is also the id the list shows for it.
 */
import { inbox } from '../../../../src/shared/contracts/inbox';
import type { InboxItem } from '../../../../src/shared/contracts/inbox';
import type { Caller, UserDoc } from '../../../../src/shared/identity';
import { orgTarget, pushInboxId, type BroadcastDoc } from '../../../../src/shared/push';
import { serve } from '../../app/serve';
import type { InboxDoc } from '../../domain/notify';
import { isDuplicateKey } from '../../infra/cloud';
import type { Database, Filter, Stored } from '../../infra/database';
import { addCredits } from '../../infra/notifier';

/**
 * Broadcasts counted for the badge: the latest this many since the member's last 全部已读 (a badge shows 99+ long before
 * that). Reading by id or by link looks the broadcasts up directly, and 全部已读 is a time mark on the user, so neither
 * is limited to a window: a notice of two years ago still reads as read once opened or after 全部已读.
 */
const BROADCAST_WINDOW = 200;

export const main = serve(inbox, {
  list: async ({ offset, limit }, { caller, db, now }) => {
    const window = offset + limit + 1;
    const [own, shared] = await Promise.all([
      messages(db).where({ openid: caller.openid }).orderBy('createdAt', 'desc').limit(window).get(),
      broadcastsFor(db, caller, now, window),
    ]);
    // A broadcast the member read is in `own` as its read mark: that copy (read) wins.
    const ownIds = new Set(own.map((doc) => doc._id));
    const merged: InboxItem[] = [
      ...own.map(itemView),
      ...shared.filter((doc) => !ownIds.has(pushInboxId(doc._id, caller.openid))).map((doc) => broadcastView(doc, caller)),
    ].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    return { items: merged.slice(offset, offset + limit), unread: await unread(db, caller, now), hasMore: merged.length > offset + limit };
  },
  unreadCount: async (_input, { caller, db, now }) => ({ unread: await unread(db, caller, now) }),
  markRead: async (input, { caller, db, now }) => {
    const _ = db.command;
    // The owner condition is part of the filter: ids of someone else's messages simply match nothing.
    const mine = { openid: caller.openid, read: false };
    // By link: opening a case page reads every notice about that case.
    const filter = 'ids' in input ? { ...mine, _id: _.in(input.ids) } : 'link' in input ? { ...mine, link: input.link } : mine;
    await messages(db).where(filter).update({ read: true, readAt: now });
    if (!('ids' in input) && !('link' in input)) {
      // 全部已读: one time mark instead of a read mark per broadcast, whatever their number.
      await db.collection<UserDoc>('users').doc(caller.openid).update({ inboxReadAllAt: now });
      return { unread: await unread(db, { ...caller, inboxReadAllAt: now }, now) };
    }
    // Broadcasts addressed to the caller get their read mark (only those: an id of someone else's matches none).
    const wanted =
      'ids' in input
        ? await broadcastsOfJobs(db, caller, now, jobIdsOf(input.ids, caller.openid))
        : await broadcastsFor(db, caller, now, BROADCAST_WINDOW, { link: input.link });
    await Promise.all(wanted.map((doc) => markBroadcastRead(db, doc, caller.openid, now)));
    return { unread: await unread(db, caller, now) };
  },
  recordSubscription: async ({ accepted }, { caller, db, now }) => ({ credits: await addCredits(db, caller.openid, accepted, now) }),
});

const messages = (db: Database) => db.collection<InboxDoc>('inbox');

/** The job ids behind the caller's own broadcast item ids (`push:<job>:<openid>`); other ids give nothing. */
function jobIdsOf(ids: readonly string[], openid: string): string[] {
  const suffix = `:${openid}`;
  return ids.filter((id) => id.startsWith('push:') && id.endsWith(suffix)).map((id) => id.slice('push:'.length, -suffix.length));
}

const broadcastsOfJobs = (db: Database, caller: Caller, now: number, jobIds: string[]): Promise<Array<Stored<BroadcastDoc>>> =>
  jobIds.length === 0 ? Promise.resolve([]) : broadcastsFor(db, caller, now, jobIds.length, { _id: db.command.in(jobIds) });

/** Broadcasts to the caller's branch (members only), newest first, shown after `since` and by now; `also` narrows them. */
async function broadcastsFor(db: Database, caller: Caller, now: number, limit: number, also: Filter = {}, since = -1): Promise<Array<Stored<BroadcastDoc>>> {
  if (!caller.memberBranchId) return [];
  const _ = db.command;
  return db
    .collection<BroadcastDoc>('push_broadcasts')
    .where({ ...also, targets: orgTarget(caller.memberBranchId), visibleAt: _.gt(since).and(_.lte(now)) })
    .orderBy('visibleAt', 'desc')
    .limit(limit)
    // Not the targets: a street-wide broadcast names hundreds of branches, none of which the member needs.
    .field({ kind: true, title: true, body: true, link: true, visibleAt: true })
    .get();
}

async function markBroadcastRead(db: Database, doc: Stored<BroadcastDoc>, openid: string, now: number): Promise<void> {
  const mark: InboxDoc = { _id: pushInboxId(doc._id, openid), openid, kind: doc.kind, title: doc.title, body: doc.body, link: doc.link, createdAt: doc.visibleAt, read: true, readAt: now, broadcastId: doc._id };
  try {
    await messages(db).add(mark);
  } catch (error) {
    // Read before (or a personal copy of the same job): nothing more to write.
    if (!isDuplicateKey(error)) throw error;
  }
}

/** Own unread entries, plus the visible broadcasts of the last window without a read mark. */
async function unread(db: Database, caller: Caller, now: number): Promise<number> {
  const own = await messages(db).where({ openid: caller.openid, read: false }).count();
  if (!caller.memberBranchId) return own;
  const _ = db.command;
  const shared = await broadcastsFor(db, caller, now, BROADCAST_WINDOW, {}, caller.inboxReadAllAt ?? -1);
  if (shared.length === 0) return own;
  const marked = await messages(db)
    .where({ _id: _.in(shared.map((doc) => pushInboxId(doc._id, caller.openid))) })
    .count();
  return own + shared.length - marked;
}

function itemView(doc: Stored<InboxDoc>): InboxItem {
  return { id: doc._id, kind: doc.kind, title: doc.title, body: doc.body, link: doc.link, createdAt: doc.createdAt, read: doc.read };
}

/** A broadcast without the member's read mark: read if shown before their last 全部已读. */
function broadcastView(doc: Stored<BroadcastDoc>, caller: Caller): InboxItem {
  const read = doc.visibleAt <= (caller.inboxReadAllAt ?? 0);
  return { id: pushInboxId(doc._id, caller.openid), kind: doc.kind, title: doc.title, body: doc.body, link: doc.link, createdAt: doc.visibleAt, read };
}
