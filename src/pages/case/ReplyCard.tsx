import { Text, View } from '@tarojs/components';
import PhotoGallery from '@/components/PhotoGallery';
import type { CaseView } from '@/shared/contracts/case';
import { SOLVED_LABELS } from '@/lib/case-timeline';
import { fullTime } from '@/lib/time';

/**
 * The answer (text and photos), the refusal, and the rating given, as the case shows them: the reporter and admins see
 * the reporter's rating, a 我也遇到 co-reporter their own; the handling deputy none (his view carries no rating).
 */
export default function ReplyCard({ view }: { view: CaseView }) {
  return (
    <>
      {view.reply ? (
        <View className="lx-card case-reply">
          <Text className="case-reply__title">答复</Text>
          <Text className="case-reply__text">{view.reply.text}</Text>
          {view.reply.photos?.length ? <PhotoGallery fileIDs={view.reply.photos} /> : null}
          <Text className="lx-muted">
            {view.reply.byName} · {fullTime(view.reply.at)}
          </Text>
        </View>
      ) : null}
      {view.refusal ? (
        <View className="lx-card case-reply">
          <Text className="case-reply__title">不予受理</Text>
          <Text className="case-reply__text">理由：{view.refusal.reason}</Text>
          <Text className="lx-muted">{fullTime(view.refusal.at)}</Text>
        </View>
      ) : null}
      {view.rating ? (
        <View className="lx-card">
          <Text>
            评价：办理态度 {view.rating.attitude} 星，问题{SOLVED_LABELS[view.rating.solved]}
          </Text>
        </View>
      ) : null}
      {view.as === 'follower' && view.myRating ? (
        <View className="lx-card">
          <Text>
            你的评价：办理态度 {view.myRating.attitude} 星，问题{SOLVED_LABELS[view.myRating.solved]}
          </Text>
        </View>
      ) : null}
    </>
  );
}
