import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateTag from '@/components/StateTag';
import { casePage, type CaseListItem } from '@/shared/contracts/case';
import { relativeTime } from '@/lib/time';
import './index.css';

interface CaseRowProps {
  item: CaseListItem;
  /** When the list was fetched (relative times count from here). */
  now: number;
  /** Staff lists: deadline, handler and the 逾期 / 督办 marks. */
  staff?: boolean;
}

/** One case in a list (我的意见, 代表工作台, 意见批办, 督办): tap to open the case page. */
export default function CaseRow({ item, now, staff = false }: CaseRowProps) {
  const open = () => void Taro.navigateTo({ url: casePage(item.id) });
  return (
    <View className="lx-case-item" hoverClass="lx-case-item--pressed" ariaRole="button" ariaLabel={item.title} onClick={open}>
      <View className="lx-case-item__head">
        <Text className="lx-case-item__title">{item.title}</Text>
        <StateTag state={item.state} />
      </View>
      <View className="lx-case-item__line">
        <Text className="lx-case-item__receipt">{item.receiptNo}</Text>
        <Text className="lx-muted">更新于 {relativeTime(item.updatedAt, now)}</Text>
      </View>
      {staff && (item.deadline || item.handlerName) ? (
        <View className="lx-case-item__line">
          {item.deadline ? <Text className="lx-case-item__deadline">期限 {item.deadline}</Text> : null}
          {item.handlerName ? <Text className="lx-muted">承办：{item.handlerName}</Text> : null}
        </View>
      ) : null}
      {item.overdue || item.supervised || item.followerCount > 1 ? (
        <View className="lx-case-item__line">
          {item.overdue ? <Text className="lx-badge-alert">逾期</Text> : null}
          {item.supervised ? <Text className="lx-badge-alert">督办</Text> : null}
          {item.followerCount > 1 ? <Text className="lx-muted">{item.followerCount} 人关注</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
