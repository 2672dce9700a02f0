import { User } from '@nutui/icons-react-taro';
import PageShell from '@/components/PageShell';
import Placeholder from '@/components/Placeholder';

/** 代表工作台 for deputies: a subpackage so residents never download it. */
export default function DeputyHomePage() {
  return (
    <PageShell>
      <Placeholder icon={<User size={40} color="#c8161d" />} title="代表工作台" description="待办意见、答复和接待安排即将上线" />
    </PageShell>
  );
}
