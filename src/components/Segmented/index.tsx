import { Text, View } from '@tarojs/components';
import './index.css';

interface SegmentedProps<K extends string> {
  options: ReadonlyArray<{ key: K; label: string }>;
  value: K;
  onChange: (key: K) => void;
  /** Wrap onto several rows (long lists such as states) instead of sharing one row. */
  wrap?: boolean;
}

/** Big side-by-side choices (one tap, no picker to open); only the chosen one's content is rendered by the caller. */
export default function Segmented<K extends string>({ options, value, onChange, wrap = false }: SegmentedProps<K>) {
  return (
    <View className={wrap ? 'lx-segmented lx-segmented--wrap' : 'lx-segmented'} ariaRole="tablist">
      {options.map((option) => {
        const selected = option.key === value;
        return (
          <View
            key={option.key}
            className={selected ? 'lx-segmented__item lx-segmented__item--selected' : 'lx-segmented__item'}
            ariaRole="tab"
            ariaLabel={option.label}
            onClick={() => onChange(option.key)}
          >
            <Text>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
