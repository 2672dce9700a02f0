import { Text, View } from '@tarojs/components';
import type { CaseEventView } from '@/shared/contracts/case';
import { timeline } from '@/lib/case-timeline';
import { fullTime } from '@/lib/time';

/** 办理过程, newest first: every step with who, when (China time), what changed and the reason given. */
export default function Timeline({ events }: { events: CaseEventView[] }) {
  const entries = timeline(events);
  return (
    <>
      <Text className="lx-section-title">办理过程</Text>
      <View className="lx-card case-timeline">
        {entries.map((entry) => (
          <View key={entry.id} className={entry.internal ? 'lx-timeline-item lx-timeline-item--internal' : 'lx-timeline-item'}>
            <View className="lx-timeline-item__dot" />
            <View className="lx-timeline-item__body">
              <View className="lx-timeline-item__head">
                <Text className="lx-timeline-item__label">{entry.label}</Text>
                {entry.toLabel ? <Text className="lx-muted">→ {entry.toLabel}</Text> : null}
                {entry.internal ? <Text className="lx-tag">内部</Text> : null}
              </View>
              <Text className="lx-muted">
                {fullTime(entry.at)}
                {entry.who ? ` · ${entry.who}` : ''}
              </Text>
              {entry.detail ? <Text className="lx-timeline-item__detail">{entry.detail}</Text> : null}
              {entry.note ? <Text className="lx-timeline-item__note">{entry.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </>
  );
}
