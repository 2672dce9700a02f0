import { Text } from '@tarojs/components';
import { badgeText } from '@/lib/unread';

/** The red count on the 消息中心 cell (the tab bar has its own, drawn by WeChat or Taro). */
export default function UnreadBadge({ count }: { count: number | null }) {
  const text = badgeText(count);
  if (!text) return null;
  return (
    <Text className="lx-unread-badge" aria-label={`${text}条未读`}>
      {text}
    </Text>
  );
}
