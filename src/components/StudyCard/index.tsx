import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { articleLink, type ArticleCard } from '@/shared/study';
import { fullTime } from '@/lib/time';
import './index.css';

/** The date an article was published: 2026年11月20日. */
export const studyDay = (ms: number): string => fullTime(ms).split(' ')[0];

/** One article in 学习 and on 首页: 必读/选读, unread marked, tap to read. */
export default function StudyCard({ item }: { item: ArticleCard }) {
  return (
    <View
      className="lx-study-card"
      ariaRole="link"
      ariaLabel={`${item.required ? '必读' : '选读'} ${item.title}${item.read ? '' : ' 未读'}`}
      hoverClass="lx-study-card--pressed"
      data-article={item.id}
      onClick={() => void Taro.navigateTo({ url: articleLink(item.id) })}
    >
      <View className="lx-study-card__head">
        <Text className={item.required ? 'lx-study-card__kind lx-study-card__kind--required' : 'lx-study-card__kind'}>{item.required ? '必读' : '选读'}</Text>
        <Text className="lx-study-card__title">{item.title}</Text>
        {item.read ? null : <Text className="lx-study-card__unread">未读</Text>}
      </View>
      {item.summary ? <Text className="lx-study-card__summary">{item.summary}</Text> : null}
      <Text className="lx-study-card__meta">
        {studyDay(item.publishAt)}
        {item.tags.length > 0 ? ` · ${item.tags.join('、')}` : ''}
        {item.read ? ' · 已读' : ''}
      </Text>
    </View>
  );
}
