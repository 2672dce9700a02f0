import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { PagedState } from '@/lib/use-paged-list';

interface PagedRowsProps<T> {
  state: PagedState<T>;
  /** What an empty list means here, in words. */
  empty: string;
  onRetry: () => void;
  onMore: () => void;
  /** One row per item; it carries its own key. */
  row: (item: T) => ReactNode;
}

/** A staff page's paged list (usePagedList): the loading line, the error with 重试, the empty note, rows, 加载更多. */
export default function PagedRows<T>({ state, empty, onRetry, onMore, row }: PagedRowsProps<T>) {
  return (
    <>
      {!state.loaded ? <Text className="lx-muted">正在加载…</Text> : null}
      {state.error ? (
        <View className="lx-error">
          <Text className="lx-error__message">{state.error}</Text>
          <Button size="large" block onClick={onRetry}>
            重试
          </Button>
        </View>
      ) : null}
      {state.loaded && !state.error && state.items.length === 0 ? <Text className="lx-muted">{empty}</Text> : null}
      {state.items.map(row)}
      {state.hasMore ? (
        <Button size="large" block loading={state.loadingMore} onClick={onMore}>
          加载更多
        </Button>
      ) : null}
    </>
  );
}
