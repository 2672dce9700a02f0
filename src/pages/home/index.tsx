import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Service } from '@nutui/icons-react-taro';
import PageShell from '@/components/PageShell';
import { openOpinionForm } from '@/components/OpinionEntry';
import TodayStudy from './TodayStudy';
import WorkSummary from './WorkSummary';
import './index.css';

/** 首页: today's pushes, the studios, and the big 我要提意见 button. */
export default function HomePage() {
  return (
    <PageShell>
      <View className="home-hero">
        <Text className="home-hero__title">连心</Text>
        <Text className="home-hero__subtitle">党群连心，有事好商量</Text>
        <Button className="home-hero__action" type="primary" size="xlarge" block onClick={openOpinionForm}>
          我要提意见
        </Button>
      </View>

      <WorkSummary />

      <Text className="lx-section-title">党代表工作室</Text>
      <Cell
        title="党代表工作室"
        description="查看身边的党代表工作室和流动服务点"
        className="lx-cell-compact"
        extra={<Service color="#c8161d" />}
        align="center"
        clickable
        onClick={() => Taro.switchTab({ url: '/pages/opinions/index' })}
      />

      <Text className="lx-section-title">今日推送</Text>
      <TodayStudy />
    </PageShell>
  );
}
