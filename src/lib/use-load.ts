/** Loading state for a page's data: loading → ready | error, with a reload for the 重试 button and refreshes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './errors';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; message: string };

/**
 * Runs `load` on mount and on `reload()`. A reload keeps showing the data it already has (no flash of a spinner),
 * and an answer that arrives after a newer request started is dropped.
 */
export function useLoad<T>(load: () => Promise<T>): { state: Loaded<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      const data = await loadRef.current();
      if (request === latest.current) setState({ status: 'ready', data });
    } catch (error) {
      if (request === latest.current) setState({ status: 'error', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload };
}
