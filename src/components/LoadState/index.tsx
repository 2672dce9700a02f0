import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BACK_LABEL } from '@/lib/back';
import { goBack, useBackTarget } from '@/lib/use-back';
import type { Loaded } from '@/lib/use-load';

interface LoadStateProps {
  state: Loaded<unknown>;
  onRetry: () => void;
  /** Show the loading line inside a card (pages whose first block is a card). */
  card?: boolean;
}

/**
 * The loading line and the error card that every page shows while `useLoad` is not ready: 重试, and on a sub-page a
 * way out too (返回, or 回首页 when it was opened on its own) — retrying a page that does not exist leads nowhere.
 */
export default function LoadState({ state, onRetry, card = false }: LoadStateProps) {
  const back = useBackTarget();
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
        {back ? (
          <Button size="large" block onClick={() => goBack(back)}>
            {BACK_LABEL[back]}
          </Button>
        ) : null}
      </View>
    );
  }
  return null;
}
