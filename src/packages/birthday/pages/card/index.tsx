/**
 * 政治生日贺卡: opened from the day's message (消息中心 or the WeChat message). The join date, the years in the Party,
 * the full 入党誓词 and the community's greeting; the member saves it as an image (weapp: photo album; h5: a PNG
 * download). Only the member (and staff in scope) may open it: anyone else is told so, kindly.
 */
import { Canvas, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useMemo, useState } from 'react';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { ApiError, call } from '@/services';
import { birthdayCardLink, type BirthdayCardView } from '@/shared/birthday';
import { birthday } from '@/shared/contracts/birthday';
import { inbox } from '@/shared/contracts/inbox';
import { cardDrawing } from '@/lib/card-layout';
import { errorMessage } from '@/lib/errors';
import { CARD_CANVAS_ID, saveCard } from '@/lib/save-card';
import { useLoad } from '@/lib/use-load';
import './index.css';

type Opened = { card: BirthdayCardView } | { refused: true };

function Card({ card }: { card: BirthdayCardView }) {
  const drawing = useMemo(() => cardDrawing(card), [card]);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState('');
  const save = async () => {
    if (saving) return;
    setSaving(true);
    setNote('');
    try {
      setNote(await saveCard(card));
    } catch (failure) {
      setNote(`没有保存成功：${errorMessage(failure)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <View className="bday-card">
        <Text className="bday-card__title">政治生日贺卡</Text>
        <Text className="bday-card__name">{card.name}同志</Text>
        <Text className="bday-card__years">{card.years >= 1 ? `入党 ${card.years} 周年` : '入党不满一年'}</Text>
        <Text className="bday-card__line">{card.joinDateText}，您光荣地加入了中国共产党。</Text>
        <Text className="bday-card__heading">入党誓词</Text>
        <Text className="bday-card__oath">{card.oath}</Text>
        <Text className="bday-card__greeting">{card.greeting}</Text>
        <Text className="bday-card__footer">
          {card.branchName} · {card.date.replace(/-/g, '.')}
        </Text>
      </View>
      {card.own ? (
        <View className="lx-card">
          <Button type="primary" size="large" block loading={saving} onClick={() => void save()}>
            {process.env.TARO_ENV === 'weapp' ? '保存贺卡到相册' : '下载贺卡图片'}
          </Button>
          {note ? <Text className="lx-muted bday-note">{note}</Text> : null}
        </View>
      ) : (
        <View className="lx-card">
          <Text className="lx-muted">这是党员的贺卡（管理员查看），保存图片请由党员本人操作。</Text>
        </View>
      )}
      {CARD_CANVAS_ID ? <Canvas canvasId={CARD_CANVAS_ID} className="bday-canvas" style={{ width: `${drawing.width}px`, height: `${drawing.height}px` }} /> : null}
    </>
  );
}

export default function BirthdayCardPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const { state, reload } = useLoad<Opened>(async () => {
    try {
      return await call(birthday.card, { id });
    } catch (failure) {
      // Not theirs (or not bound yet): an explanation, not an error to retry.
      if (failure instanceof ApiError && failure.code === 'AUTH.FORBIDDEN') return { refused: true };
      throw failure;
    }
  });
  const own = state.status === 'ready' && 'card' in state.data && state.data.card.own;
  useEffect(() => {
    // Opened from the WeChat message rather than 消息中心: the message counts as read too.
    if (own) void call(inbox.markRead, { link: birthdayCardLink(id) }).catch(() => undefined);
  }, [own, id]);

  return (
    <PageShell>
      {state.status !== 'ready' ? <LoadState state={state} onRetry={() => void reload()} card /> : null}
      {state.status === 'ready' && 'card' in state.data ? <Card card={state.data.card} /> : null}
      {state.status === 'ready' && 'refused' in state.data ? (
        <View className="lx-card">
          <Text className="lx-section-title">这张贺卡只有党员本人可以查看</Text>
          <Text className="lx-muted">
            政治生日贺卡是支部送给党员本人的。如果这是您的贺卡，请先在“我的 → 绑定党员身份”中完成绑定，再从消息中心打开。
          </Text>
          <Button size="large" block onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            回首页
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
