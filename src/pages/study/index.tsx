import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Articles } from '@nutui/icons-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import OpinionEntry from '@/components/OpinionEntry';
import Placeholder from '@/components/Placeholder';
import StudyCard from '@/components/StudyCard';
import { call } from '@/services';
import { study } from '@/shared/contracts/study';
import { MY_STUDY_PAGE, STUDY_TOPICS, type StudyTopic } from '@/shared/study';
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

/** 学习: study articles and the member's own reading record (private to them: no rankings). */
export default function StudyPage() {
  return (
    <PageShell>
      {/* 我的学习记录 is a subpackage page: the tab's first screen is the list, and the main package stays small. */}
      <View className="study-head">
        <Text className="lx-section-title study-head__title">学习内容</Text>
        <Button size="large" onClick={() => void Taro.navigateTo({ url: MY_STUDY_PAGE })}>
          我的学习记录
        </Button>
      </View>
      <ArticleList />
      <Text className="lx-section-title">意见建议</Text>
      <OpinionEntry />
    </PageShell>
  );
}
