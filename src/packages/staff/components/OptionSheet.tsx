import { View } from '@tarojs/components';
import { Popup } from '@nutui/nutui-react-taro';
import type { ScopeChoice } from '../grants';
import ChoiceList from './ChoiceList';

interface OptionSheetProps {
  visible: boolean;
  title: string;
  choices: ScopeChoice[];
  selectedId: string;
  onSelect: (choice: ScopeChoice) => void;
  onClose: () => void;
}

/** A bottom sheet with the same choice rows as the form, for picking which node's roles to look at. */
export default function OptionSheet({ visible, title, choices, selectedId, onSelect, onClose }: OptionSheetProps) {
  return (
    <Popup visible={visible} position="bottom" round title={title} closeable onClose={onClose}>
      <View className="staff-sheet">
        <ChoiceList choices={choices} selectedId={selectedId} onSelect={onSelect} empty="没有可选的组织" />
      </View>
    </Popup>
  );
}
