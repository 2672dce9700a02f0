import { Text, View } from '@tarojs/components';
import PhotoGallery from '@/components/PhotoGallery';
import StateTag from '@/components/StateTag';
import { HANDLING_STATES } from '@/shared/cases/states';
import type { CaseView, FollowerCaseView } from '@/shared/contracts/case';
import { chinaDate } from '@/shared/calendar/dates';
import { deadlineText } from '@/lib/case-timeline';
import { fullTime } from '@/lib/time';
import type { CaseLabels } from './labels';

/**
 * A case someone else reported, as its 我也遇到 co-reporter reads it: what it is about and where it stands. The
 * reporter's own words, photos, place and contact are theirs, so there is no content box to leave empty.
 */
function FollowedHeader({ view, labels }: { view: FollowerCaseView; labels: CaseLabels }) {
  const handling = HANDLING_STATES.includes(view.state);
  const handler = view.handler ? view.handler.deputyName || labels.studioName(view.handler.studioId) : '';
  return (
    <View className="lx-card case-head">
      <View className="case-head__top">
        <Text className="lx-tag case-head__followed">你关注的意见</Text>
        <StateTag state={view.state} />
        {view.overdue && handling ? <Text className="lx-badge-alert">逾期</Text> : null}
      </View>
      <Text className="case-head__title">{view.title}</Text>
      <View className="case-head__facts">
        <Text>类别：{labels.categoryLabel(view.category)}</Text>
        <Text>工作室：{labels.studioName(view.studioId)}</Text>
        {handler ? <Text>承办：{handler}</Text> : null}
        {view.deadline ? (
          <Text className={view.overdue && handling ? 'case-head__deadline case-head__deadline--late' : 'case-head__deadline'}>
            {handling ? deadlineText(view.deadline, chinaDate(Date.now())) : `办理期限 ${view.deadline}`}
          </Text>
        ) : null}
        <Text className="case-head__followers">{view.followerCount} 人遇到这个问题（我也遇到）</Text>
      </View>
      <Text className="lx-muted case-head__private">
        你点了“我也遇到”，办理进展和答复都会告诉你。为保护提交人的隐私，具体内容、照片、位置和联系方式只有提交人和办理人员能看到。
      </Text>
    </View>
  );
}

/** What the case is about and where it stands: state, receipt, deadline, the resident's words and photos. */
export default function CaseHeader({ view, labels }: { view: CaseView; labels: CaseLabels }) {
  if (view.as === 'follower') return <FollowedHeader view={view} labels={labels} />;
  const handling = HANDLING_STATES.includes(view.state);
  const handler = view.handler ? view.handler.deputyName || labels.studioName(view.handler.studioId) : '';
  return (
    <View className="lx-card case-head">
      <View className="case-head__top">
        <StateTag state={view.state} />
        {view.overdue && handling ? <Text className="lx-badge-alert">逾期</Text> : null}
        {view.escalatedAt && handling ? <Text className="lx-badge-alert">督办</Text> : null}
        {view.source === 'paper' ? <Text className="lx-tag">纸质表</Text> : null}
      </View>
      <Text className="case-head__title">{view.title}</Text>
      <View className="case-head__facts">
        <Text>回执编号 {view.receiptNo}</Text>
        <Text>类别：{labels.categoryLabel(view.category)}</Text>
        <Text>工作室：{labels.studioName(view.studioId)}</Text>
        <Text>提交时间：{fullTime(view.createdAt)}</Text>
        {handler ? <Text>承办：{handler}</Text> : null}
        {view.deadline ? (
          <Text className={view.overdue && handling ? 'case-head__deadline case-head__deadline--late' : 'case-head__deadline'}>
            {handling ? deadlineText(view.deadline, chinaDate(Date.now())) : `办理期限 ${view.deadline}`}
          </Text>
        ) : null}
        {view.extension ? (
          <Text>
            已延期：{view.extension.from} → {view.extension.to}（{view.extension.reason}）
          </Text>
        ) : null}
        {view.followerCount > 1 ? <Text className="case-head__followers">{view.followerCount} 人遇到这个问题（我也遇到）</Text> : null}
      </View>
      <Text className="case-head__content">{view.content}</Text>
      <PhotoGallery fileIDs={view.photos} />
    </View>
  );
}
