import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import CaseRow from '@/components/CaseListItem';
import type { CaseListItem } from '@/shared/contracts/case';
import type { PagedState } from '@/lib/use-paged-list';

interface CaseListProps {
  state: PagedState<CaseListItem>;
  /** What an empty list means here, in words. */
  empty: string;
  staff?: boolean;
  onRetry: () => void;
  onMore: () => void;
}

/** A paged case list: rows, the empty note, the error with 重试, and 加载更多. */
export default function CaseList({ state, empty, staff = false, onRetry, onMore }: CaseListProps) {
  return (
    <View className="lx-case-list">
      {!state.loaded ? <Text className="lx-muted">正在加载…</Text> : null}
      {state.loaded && !state.error && state.items.length === 0 ? (
        <View className="lx-card">
          <Text className="lx-muted">{empty}</Text>
        </View>
      ) : null}
      {state.items.map((item) => (
        <CaseRow key={item.id} item={item} now={state.now} staff={staff} />
      ))}
      {state.error ? (
        <View className="lx-card lx-error">
          <Text className="lx-error__message">{state.error}</Text>
          <Button size="large" block onClick={onRetry}>
            重试
          </Button>
        </View>
      ) : null}
      {state.hasMore ? (
        <Button size="large" block loading={state.loadingMore} onClick={onMore}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
