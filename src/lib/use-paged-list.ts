/** A paged list for a page: first page on mount and on refresh(), 加载更多 below, errors in words. */
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './errors';
import { appendPage, createReturnWatcher } from './paged-list';

/** Calls `reload` each time the page shows again after being hidden (back from a case page where something changed). */
export function useReloadOnReturn(reload: () => unknown): void {
  const watcher = useRef(createReturnWatcher());
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useDidHide(() => watcher.current.hidden());
  useDidShow(() => {
    if (watcher.current.shown()) void reloadRef.current();
  });
}

export interface PagedState<T> {
  items: T[];
  hasMore: boolean;
  /** The first page has arrived at least once. */
  loaded: boolean;
  loadingMore: boolean;
  error: string;
  /** When the list was last fetched (relative times count from here). */
  now: number;
}

type LoadPage<T> = (offset: number, limit: number) => Promise<{ items: T[]; hasMore: boolean }>;

/**
 * Runs `load(0, limit)` on mount, whenever `key` changes (a new filter or scope) and when the page shows again after
 * being hidden; an answer for an older key or an older refresh is dropped.
 */
export function usePagedList<T extends { id: string }>(load: LoadPage<T>, key: string, limit = 20) {
  const [state, setState] = useState<PagedState<T>>({ items: [], hasMore: false, loaded: false, loadingMore: false, error: '', now: Date.now() });
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);
  const itemsRef = useRef<T[]>([]);
  itemsRef.current = state.items;

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const page = await loadRef.current(0, limit);
      if (request !== latest.current) return;
      setState({ items: page.items, hasMore: page.hasMore, loaded: true, loadingMore: false, error: '', now: Date.now() });
    } catch (error) {
      if (request === latest.current) setState((s) => ({ ...s, loaded: true, error: errorMessage(error) }));
    }
  }, [limit]);

  useEffect(() => {
    setState((s) => ({ ...s, items: [], loaded: false, hasMore: false, error: '' }));
    void refresh();
  }, [refresh, key]);

  const loadMore = useCallback(async () => {
    const request = latest.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await loadRef.current(itemsRef.current.length, limit);
      if (request !== latest.current) return;
      setState((s) => ({ ...s, items: appendPage(s.items, page.items), hasMore: page.hasMore, loadingMore: false, error: '' }));
    } catch (error) {
      setState((s) => ({ ...s, loadingMore: false, error: errorMessage(error) }));
    }
  }, [limit]);

  useReloadOnReturn(refresh);

  return { state, refresh, loadMore };
}
