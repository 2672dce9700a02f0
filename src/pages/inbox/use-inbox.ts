/** 消息中心's data: first page, 加载更多, 全部已读, and opening a message (mark read, then go to its subject). */
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '@/services';
import { inbox, type InboxItem } from '@/shared/contracts/inbox';
import { errorMessage } from '@/lib/errors';
import { navigationFor } from '@/lib/links';
import { setUnread } from '@/lib/use-unread';
import { markRead, mergePage } from './inbox-list';

const PAGE_SIZE = 20;

export interface InboxState {
  items: InboxItem[];
  unread: number;
  hasMore: boolean;
  /** The first page has arrived at least once. */
  loaded: boolean;
  loadingMore: boolean;
  /** 全部已读 is on its way. */
  busy: boolean;
  error: string | null;
  /** When the list was fetched: relative times are counted from here. */
  now: number;
}

const INITIAL: InboxState = { items: [], unread: 0, hasMore: false, loaded: false, loadingMore: false, busy: false, error: null, now: Date.now() };

/** The page's state and actions. */
export function useInbox() {
  const [state, setState] = useState<InboxState>(INITIAL);
  const itemsRef = useRef<InboxItem[]>([]);
  itemsRef.current = state.items;

  const refresh = useCallback(async () => {
    try {
      const page = await call(inbox.list, { offset: 0, limit: PAGE_SIZE });
      setUnread(page.unread);
      setState((s) => ({ ...s, items: page.items, unread: page.unread, hasMore: page.hasMore, loaded: true, error: null, now: Date.now() }));
    } catch (error) {
      setState((s) => ({ ...s, error: errorMessage(error) }));
    } finally {
      void Taro.stopPullDownRefresh();
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Coming back from a message's subject: pick up what arrived meanwhile (not on the first show, the mount loads).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void refresh();
    shown.current = true;
  });

  const loadMore = async () => {
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await call(inbox.list, { offset: itemsRef.current.length, limit: PAGE_SIZE });
      setUnread(page.unread);
      setState((s) => ({ ...s, items: mergePage(s.items, page.items), unread: page.unread, hasMore: page.hasMore, loadingMore: false }));
    } catch (error) {
      setState((s) => ({ ...s, loadingMore: false }));
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    }
  };

  const markAllRead = async () => {
    setState((s) => ({ ...s, busy: true }));
    try {
      const { unread } = await call(inbox.markRead, { all: true });
      setUnread(unread);
      setState((s) => ({ ...s, items: markRead(s.items, 'all'), unread, busy: false }));
    } catch (error) {
      setState((s) => ({ ...s, busy: false }));
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    }
  };

  const open = async (item: InboxItem) => {
    if (!item.read) {
      try {
        const { unread } = await call(inbox.markRead, { ids: [item.id] });
        setUnread(unread);
        setState((s) => ({ ...s, items: markRead(s.items, [item.id]), unread }));
      } catch {
        // Still open the message: reading it matters more than the dot.
      }
    }
    const target = navigationFor(item.link);
    if (!target) {
      // Nothing to go to: show the whole text (the list shows two lines).
      void Taro.showModal({ title: item.title, content: item.body, showCancel: false, confirmText: '知道了' });
      return;
    }
    try {
      await (target.method === 'switchTab' ? Taro.switchTab({ url: target.url }) : Taro.navigateTo({ url: target.url }));
    } catch {
      void Taro.showModal({ title: item.title, content: `${item.body}\n\n（相关页面暂时无法打开）`, showCancel: false, confirmText: '知道了' });
    }
  };

  return { state, refresh, loadMore, markAllRead, open };
}
