import { Image, Text, View } from '@tarojs/components';
import './index.css';

interface PhotoPickerProps {
  photos: string[];
  /** fileID → something <Image> can show ('' while unknown). */
  thumbs: Record<string, string>;
  uploading: number;
  max: number;
  onAdd: () => void;
  onRemove: (fileID: string) => void;
}

/** Thumbnails with a big 删除 on each, and a 添加照片 tile while there is room. */
export default function PhotoPicker({ photos, thumbs, uploading, max, onAdd, onRemove }: PhotoPickerProps) {
  const room = max - photos.length - uploading;
  return (
    <View className="lx-photos">
      {photos.map((fileID, index) => (
        <View key={fileID} className="lx-photo">
          {thumbs[fileID] ? <Image className="lx-photo__image" src={thumbs[fileID]} mode="aspectFill" /> : <View className="lx-photo__image" />}
          <View className="lx-photo__remove" ariaRole="button" ariaLabel={`删除第 ${index + 1} 张照片`} onClick={() => onRemove(fileID)}>
            <Text>删除</Text>
          </View>
        </View>
      ))}
      {Array.from({ length: uploading }, (_, index) => (
        <View key={`uploading-${index}`} className="lx-photo lx-photo--uploading">
          <Text className="lx-muted">上传中…</Text>
        </View>
      ))}
      {room > 0 ? (
        <View className="lx-photo lx-photo--add" ariaRole="button" ariaLabel="添加照片" onClick={onAdd}>
          <Text className="lx-photo__plus">+</Text>
          <Text className="lx-photo__add-text">添加照片</Text>
        </View>
      ) : null}
    </View>
  );
}
