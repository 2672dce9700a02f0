import { Text, View } from '@tarojs/components';
import type { ScopeChoice } from '../grants';

interface ChoiceListProps {
  choices: ScopeChoice[];
  selectedId: string;
  onSelect: (choice: ScopeChoice) => void;
  empty: string;
}

/** Every choice on screen as a big row (one tap, no picker to open), indented by level; long lists scroll. */
export default function ChoiceList({ choices, selectedId, onSelect, empty }: ChoiceListProps) {
  if (choices.length === 0) return <Text className="lx-muted">{empty}</Text>;
  return (
    <View className="staff-choices">
      {choices.map((choice) => {
        const selected = choice.id === selectedId;
        return (
          <View
            key={choice.id}
            className={selected ? 'staff-choice staff-choice--selected' : 'staff-choice'}
            style={{ paddingLeft: `${1 + choice.depth * 1.5}em` }}
            ariaRole="radio"
            ariaLabel={choice.name}
            onClick={() => onSelect(choice)}
          >
            <Text className="staff-choice__mark">{selected ? '●' : '○'}</Text>
            <Text className="staff-choice__name">{choice.name}</Text>
            <Text className="staff-choice__hint">{choice.hint}</Text>
          </View>
        );
      })}
    </View>
  );
}
