import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Loaded } from '@/lib/use-load';

interface LoadStateProps {
  state: Loaded<unknown>;
  onRetry: () => void;
  /** Show the loading line inside a card (pages whose first block is a card). */
  card?: boolean;
}

/** The loading line and the error card with 重试 that every page shows while `useLoad` is not ready. */
export default function LoadState({ state, onRetry, card = false }: LoadStateProps) {
  if (state.status === 'loading') {
    const line = <Text className="lx-muted">正在加载…</Text>;
    return card ? <View className="lx-card">{line}</View> : line;
  }
  if (state.status === 'error') {
    return (
      <View className="lx-card lx-error">
        <Text className="lx-error__message">{state.message}</Text>
        <Button size="large" block onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  return null;
}
