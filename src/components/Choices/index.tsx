import { Text, View } from '@tarojs/components';
import '@/components/FormField/index.css';

interface ChoicesProps<K extends string> {
  options: ReadonlyArray<{ key: K; label: string }>;
  /** '' when nothing is chosen yet. */
  value: K | '';
  onChange: (key: K) => void;
  /** Read out for the group (screen readers). */
  label: string;
}

/** One-tap choices as big buttons in a wrapping row (category, 是/部分/否, a deputy). */
export default function Choices<K extends string>({ options, value, onChange, label }: ChoicesProps<K>) {
  return (
    <View className="lx-choices" ariaRole="radiogroup" ariaLabel={label}>
      {options.map((option) => {
        const selected = option.key === value;
        return (
          <View
            key={option.key}
            className={selected ? 'lx-choice lx-choice--selected' : 'lx-choice'}
            ariaRole="radio"
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
