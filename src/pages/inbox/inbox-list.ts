/** Pure list operations for 消息中心 (tested in node). */
import type { InboxItem } from '../../shared/contracts/inbox';

/**
 * Adds a page to the list. Paging is by offset, so a message that arrived meanwhile shifts the next page and repeats
 * an item: keep one copy (the newer answer) and keep the list newest first.
 */
export function mergePage(existing: readonly InboxItem[], page: readonly InboxItem[]): InboxItem[] {
  const byId = new Map(existing.map((item) => [item.id, item]));
  for (const item of page) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

/** The list after marking some messages (or, with 'all', every one) read. */
export function markRead(items: readonly InboxItem[], ids: readonly string[] | 'all'): InboxItem[] {
  return items.map((item) => (item.read || (ids !== 'all' && !ids.includes(item.id)) ? item : { ...item, read: true }));
}
