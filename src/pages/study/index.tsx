import { Text } from '@tarojs/components';
import { Tabs } from '@nutui/nutui-react-taro';
import { Articles, Star } from '@nutui/icons-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import OpinionEntry from '@/components/OpinionEntry';
import Placeholder from '@/components/Placeholder';

/** 学习: study articles and the member's own reading record (private to them: no rankings). */
export default function StudyPage() {
  const [tab, setTab] = useState<string | number>('articles');
  return (
    <PageShell>
      <Tabs value={tab} onChange={setTab} activeType="line">
        <Tabs.TabPane title="学习内容" value="articles">
          <Placeholder icon={<Articles size={40} color="#c8161d" />} title="暂无学习内容" description="支部推送的学习材料会出现在这里" />
        </Tabs.TabPane>
        <Tabs.TabPane title="我的学习" value="mine">
          <Placeholder icon={<Star size={40} color="#c8161d" />} title="还没有学习记录" description="学习记录只有你自己能看到" />
        </Tabs.TabPane>
      </Tabs>
      <Text className="lx-section-title">意见建议</Text>
      <OpinionEntry />
    </PageShell>
  );
}
