import { Text, View } from '@tarojs/components';
import { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Message } from '@nutui/icons-react-taro';
import PageShell from '@/components/PageShell';
import Placeholder from '@/components/Placeholder';
import { type InboxItem } from '@/shared/contracts/inbox';
import { relativeTime } from '@/lib/time';
import { useInbox } from './use-inbox';
import './index.css';

function InboxRow({ item, now, onOpen }: { item: InboxItem; now: number; onOpen: (item: InboxItem) => void }) {
  return (
    <View
      className={item.read ? 'lx-inbox-item' : 'lx-inbox-item lx-inbox-item--unread'}
      hoverClass="lx-inbox-item--pressed"
      ariaRole="button"
      ariaLabel={`${item.read ? '' : '未读 '}${item.title}`}
      onClick={() => onOpen(item)}
    >
      <View className="lx-inbox-item__head">
        {item.read ? null : <View className="lx-inbox-item__dot" />}
        <Text className="lx-inbox-item__title">{item.title}</Text>
        <Text className="lx-inbox-item__time">{relativeTime(item.createdAt, now)}</Text>
      </View>
      <Text className="lx-inbox-item__body">{item.body}</Text>
    </View>
  );
}

/** 消息中心: every notification, newest first; unread ones marked; tap to read and go to the subject. */
export default function InboxPage() {
  const inbox = useInbox();
  usePullDownRefresh(() => void inbox.refresh());
  const { state } = inbox;

  return (
    <PageShell>
      <View className="inbox-toolbar">
        <Text className="inbox-toolbar__count">{state.unread > 0 ? `${state.unread} 条未读` : '没有未读消息'}</Text>
        <Button size="normal" disabled={state.unread === 0 || state.busy} onClick={() => void inbox.markAllRead()}>
          全部已读
        </Button>
      </View>

      {state.error ? (
        <View className="lx-card lx-error">
          <Text className="lx-error__message">{state.error}</Text>
          <Button size="large" block onClick={() => void inbox.refresh()}>
            重试
          </Button>
        </View>
      ) : null}

      {state.loaded && state.items.length === 0 && !state.error ? (
        <Placeholder icon={<Message size={40} color="#c8161d" />} title="暂无消息" description="意见办理进度、学习提醒等通知会在这里显示" />
      ) : null}
      {!state.loaded && !state.error ? <Text className="lx-muted">正在加载…</Text> : null}

      {state.items.map((item) => (
        <InboxRow key={item.id} item={item} now={state.now} onOpen={(picked) => void inbox.open(picked)} />
      ))}

      {state.hasMore ? (
        <Button className="inbox-more" size="large" block loading={state.loadingMore} onClick={() => void inbox.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
