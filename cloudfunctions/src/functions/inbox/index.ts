/** `inbox`: the caller's own messages (never anyone else's), unread badge, mark read (by id, by page, all), and subscribe credits. */
import { inbox } from '../../../../src/shared/contracts/inbox';
import type { InboxItem } from '../../../../src/shared/contracts/inbox';
import { serve } from '../../app/serve';
import type { InboxDoc } from '../../domain/notify';
import type { Database, Stored } from '../../infra/database';
import { addCredits } from '../../infra/notifier';

export const main = serve(inbox, {
  list: async ({ offset, limit }, { caller, db }) => {
    const found = await messages(db).where({ openid: caller.openid }).orderBy('createdAt', 'desc').skip(offset).limit(limit + 1).get();
    return { items: found.slice(0, limit).map(itemView), unread: await unread(db, caller.openid), hasMore: found.length > limit };
  },
  unreadCount: async (_input, { caller, db }) => ({ unread: await unread(db, caller.openid) }),
  markRead: async (input, { caller, db, now }) => {
    const _ = db.command;
    // The owner condition is part of the filter: ids of someone else's messages simply match nothing.
    const mine = { openid: caller.openid, read: false };
    // By link: opening a case page reads every notice about that case.
    const filter = 'ids' in input ? { ...mine, _id: _.in(input.ids) } : 'link' in input ? { ...mine, link: input.link } : mine;
    await messages(db).where(filter).update({ read: true, readAt: now });
    return { unread: await unread(db, caller.openid) };
  },
  recordSubscription: async ({ accepted }, { caller, db, now }) => ({ credits: await addCredits(db, caller.openid, accepted, now) }),
});

const messages = (db: Database) => db.collection<InboxDoc>('inbox');

const unread = (db: Database, openid: string): Promise<number> => messages(db).where({ openid, read: false }).count();

function itemView(doc: Stored<InboxDoc>): InboxItem {
  return { id: doc._id, kind: doc.kind, title: doc.title, body: doc.body, link: doc.link, createdAt: doc.createdAt, read: doc.read };
}
