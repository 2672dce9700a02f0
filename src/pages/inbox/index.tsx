import { Message } from '@nutui/icons-react-taro';
import PageShell from '@/components/PageShell';
import Placeholder from '@/components/Placeholder';

/** 消息中心: every notification lands here (the inbox itself comes with the notification center). */
export default function InboxPage() {
  return (
    <PageShell>
      <Placeholder icon={<Message size={40} color="#c8161d" />} title="暂无消息" description="意见办理进度、学习提醒等通知会在这里显示" />
    </PageShell>
  );
}
