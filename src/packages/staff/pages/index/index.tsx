import { Setting } from '@nutui/icons-react-taro';
import PageShell from '@/components/PageShell';
import Placeholder from '@/components/Placeholder';

/** 工作台 for staff (admins): a subpackage so residents never download it. */
export default function StaffHomePage() {
  return (
    <PageShell>
      <Placeholder icon={<Setting size={40} color="#c8161d" />} title="工作台" description="意见批办、统计和组织管理即将上线" />
    </PageShell>
  );
}
