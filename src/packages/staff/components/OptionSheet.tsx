import { Text, View } from '@tarojs/components';
import { Cell, Popup } from '@nutui/nutui-react-taro';
import type { ScopeChoice } from '../grants';

interface OptionSheetProps {
  visible: boolean;
  title: string;
  choices: ScopeChoice[];
  selectedId: string;
  onSelect: (choice: ScopeChoice) => void;
  onClose: () => void;
}

/** A bottom sheet listing organisation nodes or studios, indented by level, with big rows to tap. */
export default function OptionSheet({ visible, title, choices, selectedId, onSelect, onClose }: OptionSheetProps) {
  return (
    <Popup visible={visible} position="bottom" round title={title} closeable onClose={onClose}>
      <View className="staff-sheet">
        {choices.map((choice) => (
          <Cell
            key={choice.id}
            className={choice.id === selectedId ? 'staff-sheet__option staff-sheet__option--selected' : 'staff-sheet__option'}
            title={<Text style={{ paddingLeft: `${choice.depth * 1.5}em` }}>{choice.name}</Text>}
            extra={<Text className="lx-muted">{choice.id === selectedId ? '已选 ✓' : choice.hint}</Text>}
            align="center"
            clickable
            onClick={() => onSelect(choice)}
          />
        ))}
      </View>
    </Popup>
  );
}
