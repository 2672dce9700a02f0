import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Notice } from '@nutui/icons-react-taro';
import Placeholder from '@/components/Placeholder';
import StudyCard from '@/components/StudyCard';
import { call } from '@/services';
import { study } from '@/shared/contracts/study';
import { usePagedList } from '@/lib/use-paged-list';

/** 今日推送: the newest study articles addressed to the caller (必读 first), unread marked; 更多 opens 学习. */
export default function TodayStudy() {
  const list = usePagedList((offset, limit) => call(study.list, { offset, limit }), 'today', 3);
  const { items, loaded, error } = list.state;
  if (!loaded) return <Text className="lx-muted">正在加载…</Text>;
  if (error || items.length === 0) {
    return <Placeholder icon={<Notice size={40} color="#c8161d" />} title="今天还没有新的推送" description="学习内容、寄语和提醒会在这里出现" />;
  }
  return (
    <View className="home-today">
      {items.map((item) => (
        <StudyCard key={item.id} item={item} />
      ))}
      <Text className="home-today__more" onClick={() => void Taro.switchTab({ url: '/pages/study/index' })}>
        查看全部学习内容 ›
      </Text>
    </View>
  );
}
