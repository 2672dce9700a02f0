import { Text } from '@tarojs/components';
import { Button, Tabs } from '@nutui/nutui-react-taro';
import { Comment, Service } from '@nutui/icons-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import { openOpinionForm } from '@/components/OpinionEntry';
import Placeholder from '@/components/Placeholder';

/** 意见: the studios and the opinions I submitted. */
export default function OpinionsPage() {
  const [tab, setTab] = useState<string | number>('studios');
  return (
    <PageShell>
      <Button type="primary" size="large" block onClick={openOpinionForm}>
        我要提意见
      </Button>
      <Text className="lx-section-title">不用注册，也可以不留姓名和电话</Text>
      <Tabs value={tab} onChange={setTab} activeType="line">
        <Tabs.TabPane title="工作室" value="studios">
          <Placeholder icon={<Service size={40} color="#c8161d" />} title="工作室列表即将上线" description="可以查看党代表接待时间和流动服务点" />
        </Tabs.TabPane>
        <Tabs.TabPane title="我的意见" value="mine">
          <Placeholder icon={<Comment size={40} color="#c8161d" />} title="你还没有提交过意见" description="每一条意见的办理进度都会在这里显示" />
        </Tabs.TabPane>
      </Tabs>
    </PageShell>
  );
}
