import { Text, View } from '@tarojs/components';
import type { FiguresAnswer } from '@/shared/contracts/case';
import { agingRows, monthBars, percent } from '@/lib/case-figures';

function Numbers({ figures }: { figures: FiguresAnswer }) {
  const { counts } = figures;
  const cells = [
    ['收集', counts.received],
    ['批办', counts.assigned],
    ['答复', counts.answered],
    ['按时答复', counts.onTime],
    ['待答复', counts.open],
    ['逾期未答复', counts.overdueOpen],
  ] as const;
  return (
    <View className="figures-grid">
      {cells.map(([label, value]) => (
        <View key={label} className={label === '逾期未答复' && value > 0 ? 'figures-cell figures-cell--alert' : 'figures-cell'}>
          <Text className="figures-cell__value">{value}</Text>
          <Text className="figures-cell__label">{label}</Text>
        </View>
      ))}
    </View>
  );
}

function Rates({ figures }: { figures: FiguresAnswer }) {
  const { rates } = figures;
  const rows = [
    ['响应率', percent(rates.response), '批办数 ÷ 收集数'],
    ['答复率', percent(rates.answer), '已答复 ÷（已答复 + 逾期未答复）'],
    ['按时答复率', percent(rates.onTime), '按时答复 ÷（已答复 + 逾期未答复）'],
    ['满意率', percent(rates.satisfaction), '解决或部分解决 ÷（已评价 + 逾期未答复）'],
    ['办理态度', rates.attitudeAverage === null ? '—' : `${rates.attitudeAverage.toFixed(1)} 星`, '评价的平均星数'],
  ] as const;
  return (
    <View className="lx-card">
      {rows.map(([label, value, how]) => (
        <View key={label} className="figures-rate">
          <View className="figures-rate__left">
            <Text className="figures-rate__label">{label}</Text>
            <Text className="lx-muted">{how}</Text>
          </View>
          <Text className="figures-rate__value">{value}</Text>
        </View>
      ))}
    </View>
  );
}

/** Month by month: 收集 and 答复 as two bars per row, drawn with plain Views (no chart library in the package). */
function MonthChart({ figures }: { figures: FiguresAnswer }) {
  const bars = monthBars(figures.months);
  if (bars.length === 0) return <Text className="lx-muted">这段时间没有数据</Text>;
  return (
    <View className="lx-card">
      <View className="figures-legend">
        <Text className="figures-legend__item figures-legend__item--received">收集</Text>
        <Text className="figures-legend__item figures-legend__item--answered">答复</Text>
      </View>
      {bars.map((bar) => (
        <View key={bar.label} className="figures-month" ariaLabel={`${bar.label}收集${bar.received}件，答复${bar.answered}件`}>
          <Text className="figures-month__label">{bar.label}</Text>
          <View className="figures-month__bars">
            {([['received', bar.received, bar.receivedRatio], ['answered', bar.answered, bar.answeredRatio]] as const).map(([kind, count, ratio]) => (
              <View key={kind} className="figures-month__row">
                <View className={`figures-bar figures-bar--${kind}`} style={{ width: `${Math.round(ratio * 100)}%` }} />
                <Text className="figures-bar__value">{count}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}

function Aging({ figures }: { figures: FiguresAnswer }) {
  const rows = agingRows(figures.aging);
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <View className="lx-card">
      {rows.map((row) => (
        <View key={row.label} className="figures-aging">
          <Text className="figures-aging__label">{row.label}</Text>
          <View className="figures-aging__track">
            <View className="figures-aging__bar" style={{ width: `${Math.round((row.count / max) * 100)}%` }} />
          </View>
          <Text className="figures-aging__count">{row.count}</Text>
        </View>
      ))}
    </View>
  );
}

/** The figures of one scope and period: the summary line, counts, rates, the chart and the aging of open cases. */
export default function FiguresView({ figures }: { figures: FiguresAnswer }) {
  return (
    <>
      <View className="lx-card figures-summary">
        <Text className="figures-summary__scope">
          {figures.scope.name} · {figures.from} 至 {figures.to}
        </Text>
        <Text className="figures-summary__line">{figures.summaryLine}</Text>
      </View>
      <Numbers figures={figures} />
      <Text className="lx-section-title">比率</Text>
      <Rates figures={figures} />
      <Text className="lx-section-title">按月</Text>
      <MonthChart figures={figures} />
      <Text className="lx-section-title">未答复意见已等待</Text>
      <Aging figures={figures} />
    </>
  );
}
