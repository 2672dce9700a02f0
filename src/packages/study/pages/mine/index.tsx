/**
 * 我的学习记录 (study subpackage, so the main package carries only what 学习's first screen needs): the member's own
 * reads — nobody else sees them, and no time on page is kept — with the ways to 测试记录与错题本 and 测试场次.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Star } from '@nutui/icons-react-taro';
import PageShell from '@/components/PageShell';
import Placeholder from '@/components/Placeholder';
import { studyDay } from '@/components/StudyCard';
import { call } from '@/services';
import { study } from '@/shared/contracts/study';
import { articleLink, QUIZ_PAGE } from '@/shared/study';
import { usePagedList } from '@/lib/use-paged-list';
import './index.css';

export default function MyStudyPage() {
  const list = usePagedList(async (offset, limit) => {
    const page = await call(study.mine, { offset, limit });
    return { items: page.items.map((item) => ({ ...item, id: item.articleId })), hasMore: page.hasMore };
  }, 'mine');
  const { items, loaded, error, hasMore, loadingMore } = list.state;
  return (
    <PageShell>
      <Text className="lx-muted study-private">学习记录只有你自己能看到，不计时、不排名。</Text>
      <Button size="large" block onClick={() => void Taro.navigateTo({ url: `${QUIZ_PAGE}?mine=1` })}>
        测试记录与错题本
      </Button>
      <Button size="large" block onClick={() => void Taro.navigateTo({ url: `${QUIZ_PAGE}?sessions=1` })}>
        测试场次
      </Button>
      {!loaded ? <Text className="lx-muted">正在加载…</Text> : null}
      {error ? <Text className="lx-error__message">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? <Placeholder icon={<Star size={40} color="#c8161d" />} title="还没有学习记录" description="读过的文章会记在这里" /> : null}
      {items.length > 0 ? (
        <View className="lx-card">
          <Text className="study-record__count">已读 {items.length}{hasMore ? '+' : ''} 篇</Text>
          {items.map((item) => (
            <View key={item.id} className="study-record" onClick={() => void Taro.navigateTo({ url: articleLink(item.articleId) })}>
              <Text className="study-record__title">{item.title}</Text>
              <Text className="lx-muted">{studyDay(item.at)} 已读</Text>
            </View>
          ))}
        </View>
      ) : null}
      {hasMore ? (
        <Button size="large" block loading={loadingMore} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
