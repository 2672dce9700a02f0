import { Text, View } from '@tarojs/components';
import { call } from '@/services';
import { cases } from '@/shared/contracts/case';
import { useLoad } from '@/lib/use-load';

const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

/**
 * 群众评价 as a deputy may see it: month totals over enough rated cases that no resident's rating can be told apart
 * (the case page never shows him a rating). Nothing to show is said plainly, with why.
 */
export default function MyRatings() {
  const { state } = useLoad(() => call(cases.myRatings, {}));
  if (state.status !== 'ready') return null;
  const { minCases, months } = state.data;
  return (
    <>
      <Text className="lx-section-title">群众评价（按月汇总）</Text>
      <View className="lx-card deputy-ratings">
        {months.map((month) => (
          <Text key={month.month}>
            {month.month}：{month.rated} 件评价，满意 {percent(month.satisfaction)}，办理态度平均 {month.attitudeAverage.toFixed(1)} 星
          </Text>
        ))}
        <Text className="lx-muted">
          为保护居民，单件意见的评价你看不到；一个月满 {minCases} 件评价，下个月初才显示这个月的汇总。
        </Text>
      </View>
    </>
  );
}
