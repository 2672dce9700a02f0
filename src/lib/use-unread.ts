/**
 * The unread badge: tab pages refresh the count from the cloud each time they show, the 我的 tab shows it as a
 * tab-bar badge, and the 消息中心 cell shows the same number.
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../services';
import { inbox } from '../shared/contracts/inbox';
import { isTabPage, ME_TAB_INDEX } from './tabs';
import { badgeText, createUnreadStore, type UnreadStore } from './unread';

let store: UnreadStore | undefined;

/** The app-wide unread count; every change is mirrored on the tab bar. */
function unreadStore(): UnreadStore {
  if (!store) {
    store = createUnreadStore();
    store.subscribe(showOnTabBar);
  }
  return store;
}

/**
 * weapp refuses tab-bar calls from pages that are not tab pages and h5 never answers when no tab bar is mounted:
 * fire and forget, and re-apply whenever a tab page shows.
 */
function showOnTabBar(count: number): void {
  const text = badgeText(count);
  const done = text ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text }) : Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
  void Promise.resolve(done).catch(() => undefined);
}

/** Asks the cloud for the count; a failure keeps the last known count (the badge is a hint, not a record). */
export async function refreshUnread(): Promise<void> {
  try {
    const { unread } = await call(inbox.unreadCount, {});
    unreadStore().set(unread);
  } catch {
    // Offline or the cloud is down: the inbox page itself shows the error when opened.
  }
}

/** Pages that learn the count from another answer (inbox.list, inbox.markRead) set it here. */
export function setUnread(count: number): void {
  unreadStore().set(count);
}

/** Refreshes the count whenever a tab page shows; called by PageShell, so every tab page does it. */
export function useUnreadOnTabShow(): void {
  useDidShow(() => {
    const path = Taro.getCurrentInstance().router?.path ?? '';
    if (isTabPage(path)) void refreshUnread();
  });
}

/** The current unread count (null until known); re-renders when it changes. */
export function useUnreadCount(): number | null {
  const [count, setCount] = useState(() => unreadStore().get());
  useEffect(() => {
    const current = unreadStore();
    setCount(current.get());
    return current.subscribe(setCount);
  }, []);
  return count;
}
