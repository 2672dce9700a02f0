import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Tabs, Button } from '@nutui/nutui-react-taro';
import { Articles, Star } from '@nutui/icons-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import OpinionEntry from '@/components/OpinionEntry';
import Placeholder from '@/components/Placeholder';
import StudyCard, { studyDay } from '@/components/StudyCard';
import { call } from '@/services';
import { study } from '@/shared/contracts/study';
import { articleLink, QUIZ_PAGE, STUDY_TOPICS, type StudyTopic } from '@/shared/study';
import { usePagedList } from '@/lib/use-paged-list';
import '@/components/FormField/index.css';
import './index.css';


/** 学习内容: what the member's branch sent them (and public articles), 必读 first; filter by topic, search titles. */
function ArticleList() {
  const [tag, setTag] = useState<StudyTopic | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const list = usePagedList((offset, limit) => call(study.list, { offset, limit, ...(tag ? { tag } : {}), ...(q ? { q } : {}) }), `${tag}|${q}`);
  usePullDownRefresh(() => void list.refresh().finally(() => void Taro.stopPullDownRefresh()));
  const { items, loaded, error, hasMore, loadingMore } = list.state;
  const unread = items.filter((item) => !item.read).length;
  return (
    <View>
      <View className="study-search">
        <Input
          className="lx-input study-search__input"
          name="q"
          placeholder="搜索标题"
          confirmType="search"
          value={typed}
          maxlength={20}
          onInput={(event) => setTyped(event.detail.value)}
          onConfirm={() => setQ(typed.trim())}
        />
        <Button size="large" onClick={() => setQ(typed.trim())}>
          搜索
        </Button>
      </View>
      <View className="lx-choices study-topics">
        {(['', ...STUDY_TOPICS] as const).map((topic) => (
          <View key={topic || 'all'} className={tag === topic ? 'lx-choice lx-choice--selected' : 'lx-choice'} ariaRole="radio" ariaLabel={topic || '全部'} onClick={() => setTag(topic)}>
            <Text>{topic || '全部'}</Text>
          </View>
        ))}
      </View>
      {!loaded ? <Text className="lx-muted">正在加载…</Text> : null}
      {error ? (
        <View className="lx-error">
          <Text className="lx-error__message">{error}</Text>
          <Button size="large" block onClick={() => void list.refresh()}>
            重试
          </Button>
        </View>
      ) : null}
      {loaded && !error && items.length === 0 ? (
        <Placeholder icon={<Articles size={40} color="#c8161d" />} title={tag || q ? '没有找到相关的学习内容' : '暂无学习内容'} description={tag || q ? '换个主题或搜索词试试' : '支部推送的学习材料会出现在这里'} />
      ) : null}
      {loaded && unread > 0 ? <Text className="lx-muted study-unread">有 {unread} 篇未读</Text> : null}
      {items.map((item) => (
        <StudyCard key={item.id} item={item} />
      ))}
      {hasMore ? (
        <Button size="large" block loading={loadingMore} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

/** 我的学习记录: the member's own reads — nobody else sees them, and no time on page is kept. */
function MyRecord() {
  const list = usePagedList(async (offset, limit) => {
    const page = await call(study.mine, { offset, limit });
    return { items: page.items.map((item) => ({ ...item, id: item.articleId })), hasMore: page.hasMore };
  }, 'mine');
  const { items, loaded, error, hasMore, loadingMore } = list.state;
  return (
    <View>
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
    </View>
  );
}

/** 学习: study articles and the member's own reading record (private to them: no rankings). */
export default function StudyPage() {
  const [tab, setTab] = useState<string | number>('articles');
  return (
    <PageShell>
      <Tabs value={tab} onChange={setTab} activeType="line">
        <Tabs.TabPane title="学习内容" value="articles">
          <ArticleList />
        </Tabs.TabPane>
        <Tabs.TabPane title="我的学习" value="mine">
          {tab === 'mine' ? <MyRecord /> : null}
        </Tabs.TabPane>
      </Tabs>
      <Text className="lx-section-title">意见建议</Text>
      <OpinionEntry />
    </PageShell>
  );
}
