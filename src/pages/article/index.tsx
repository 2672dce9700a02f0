/**
 * One study article (main package: shared cards and push messages open it). Reads well in 长辈模式 (the body follows
 * the page's type scale), offers 朗读 where the platform can, a share card for the branch group, and — for someone
 * outside a member-only article's audience — a polite explanation instead of an error.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage, useUnload } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useMemo, useState } from 'react';
import ArticleBody from '@/components/ArticleBody';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { studyDay } from '@/components/StudyCard';
import { call } from '@/services';
import { inbox } from '@/shared/contracts/inbox';
import { study } from '@/shared/contracts/study';
import { articleLink, quizLink, type ArticleUnavailable, type ArticleView } from '@/shared/study';
import { readableText, speaker } from '@/lib/speech';
import { askSubscription } from '@/lib/subscribe';
import { useLoad } from '@/lib/use-load';
import './index.css';


const toStudy = () => void Taro.switchTab({ url: '/pages/study/index' });

/** Why the article is not shown, in plain words, with a way on. */
function Unavailable({ why }: { why: ArticleUnavailable }) {
  const words: Record<ArticleUnavailable['reason'], { title: string; text: string }> = {
    audience: {
      title: why.reason === 'audience' ? `《${why.title}》` : '',
      text: '这篇学习材料是发给特定支部党员的，你不在这次的发送范围内，所以看不到全文。如果你是该支部的党员，请先在“我的 → 绑定党员身份”完成绑定后再打开。',
    },
    withdrawn: { title: '这篇文章已撤回', text: '发布单位已经撤回了这篇文章，可以看看其他学习内容。' },
    not_yet: { title: '这篇文章还没到发布时间', text: '到了发布时间就能看到，请稍后再来。' },
    missing: { title: '没有找到这篇文章', text: '文章可能已删除，或者链接不完整。' },
  };
  const { title, text } = words[why.reason];
  return (
    <View className="lx-card article-unavailable" data-reason={why.reason}>
      <Text className="article-unavailable__title">{title}</Text>
      <Text className="article-unavailable__text">{text}</Text>
      <Button type="primary" size="large" block onClick={toStudy}>
        看看其他学习内容
      </Button>
    </View>
  );
}

/** 朗读 button: shown only where the platform can speak. */
function ReadAloud({ article }: { article: ArticleView }) {
  const voice = useMemo(() => speaker(), []);
  const [speaking, setSpeaking] = useState(false);
  useUnload(() => voice?.stop());
  useEffect(() => () => voice?.stop(), [voice]);
  if (!voice) return null;
  const toggle = () => {
    if (speaking) {
      voice.stop();
      setSpeaking(false);
      return;
    }
    setSpeaking(true);
    voice.speak(readableText(article.title, article.body), () => setSpeaking(false));
  };
  return (
    <Button className="article-action" size="large" onClick={toggle}>
      {speaking ? '停止朗读' : '朗读全文'}
    </Button>
  );
}

function Article({ article }: { article: ArticleView }) {
  const [asked, setAsked] = useState(false);
  // Reading is a natural moment to offer the next reminder: only from this tap.
  const subscribe = async () => {
    const accepted = await askSubscription(['notice']);
    setAsked(true);
    if (accepted.length > 0) void Taro.showToast({ title: '已订阅', icon: 'success' });
  };
  const openAttachment = (item: ArticleView['attachments'][number]) => {
    if (item.kind === 'image') void Taro.previewImage({ urls: [item.url], current: item.url });
    else if (process.env.TARO_ENV === 'weapp') void Taro.downloadFile({ url: item.url }).then((file) => Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' }));
    else void Taro.setClipboardData({ data: item.url }).then(() => Taro.showToast({ title: '链接已复制，可在浏览器打开', icon: 'none' }));
  };
  return (
    <>
      <View className="lx-card article">
        <Text className="article__title">{article.title}</Text>
        <View className="article__meta">
          <Text className={article.required ? 'article__kind article__kind--required' : 'article__kind'}>{article.required ? '必读' : '选读'}</Text>
          <Text className="lx-muted">
            {studyDay(article.publishAt)}
            {article.tags.length > 0 ? ` · ${article.tags.join('、')}` : ''}
          </Text>
        </View>
        <ArticleBody html={article.body} />
        {article.attachments.length > 0 ? (
          <View className="article__attachments">
            <Text className="lx-section-title">附件</Text>
            {article.attachments.map((item) => (
              <Text key={item.url} className="article__attachment" onClick={() => openAttachment(item)}>
                {item.kind === 'pdf' ? 'PDF 文件：' : '图片：'}
                {item.name}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      <View className="article__actions">
        {article.quizId ? (
          <Button className="article-action" type="primary" size="large" onClick={() => void Taro.navigateTo({ url: quizLink(article.quizId ?? '') })}>
            参加应知应会测试
          </Button>
        ) : null}
        <ReadAloud article={article} />
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="article-action" size="large" openType="share">
            转发到支部群
          </Button>
        ) : null}
        <Button className="article-action" size="large" disabled={asked} onClick={() => void subscribe()}>
          {asked ? '已询问学习提醒' : '有新学习内容时提醒我'}
        </Button>
      </View>
      <Text className="lx-muted article__note">已读记录只有你自己能在“学习 → 我的学习记录”里看到。</Text>
    </>
  );
}

/** 学习文章. */
export default function ArticlePage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const { state, reload } = useLoad(() => call(study.get, { id }));
  const article = state.status === 'ready' ? state.data.article : null;
  useEffect(() => {
    if (!article) return;
    void Taro.setNavigationBarTitle({ title: article.required ? '必读' : '学习' });
    // The 消息中心 notice of this article is read now too.
    void call(inbox.markRead, { link: articleLink(article.id) }).catch(() => undefined);
  }, [article]);
  useShareAppMessage(() => ({ title: article?.title ?? '学习', path: articleLink(id) }));
  return (
    <PageShell>
      <LoadState state={state} onRetry={() => void reload()} />
      {state.status === 'ready' && state.data.article ? <Article article={state.data.article} /> : null}
      {state.status === 'ready' && state.data.unavailable ? <Unavailable why={state.data.unavailable} /> : null}
    </PageShell>
  );
}
