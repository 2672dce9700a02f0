/** The unread-message count shared by the tab badge and the 消息中心 cell. Platform-free. */

/** Badge text for a count: null when there is nothing to show, '99+' beyond 99 (WeChat fits about 4 characters). */
export function badgeText(count: number | null): string | null {
  if (!count || count <= 0) return null;
  return count > 99 ? '99+' : String(count);
}

/** A tiny observable number; null until the first answer from the cloud. */
export interface UnreadStore {
  get(): number | null;
  set(count: number): void;
  subscribe(listener: (count: number) => void): () => void;
}

/** Creates the store; listeners hear every set, even an unchanged count (the badge may need re-applying). */
export function createUnreadStore(): UnreadStore {
  let count: number | null = null;
  const listeners = new Set<(count: number) => void>();
  return {
    get: () => count,
    set(next) {
      count = Math.max(0, next);
      listeners.forEach((listener) => listener(count ?? 0));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
