import { Text, View } from '@tarojs/components';
import { type ReactNode } from 'react';
import './index.css';

interface PlaceholderProps {
  icon: ReactNode;
  title: string;
  description?: string;
}

/** An empty state drawn locally (NutUI's Empty loads its picture from a CDN). */
export default function Placeholder({ icon, title, description }: PlaceholderProps) {
  return (
    <View className="lx-placeholder">
      <View className="lx-placeholder__icon">{icon}</View>
      <Text className="lx-placeholder__title">{title}</Text>
      {description ? <Text className="lx-placeholder__text">{description}</Text> : null}
    </View>
  );
}
