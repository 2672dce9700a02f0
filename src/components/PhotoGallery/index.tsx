import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { fileUrls } from '@/services/files';
import '@/components/PhotoPicker/index.css';

/** Photos of a case or a reply as thumbnails; tap one to see them full screen. */
export default function PhotoGallery({ fileIDs }: { fileIDs: string[] }) {
  const [urls, setUrls] = useState<string[]>([]);
  const key = fileIDs.join('|');
  useEffect(() => {
    let current = true;
    const ids = key ? key.split('|') : [];
    void fileUrls(ids).then((found) => current && setUrls(found));
    return () => {
      current = false;
    };
  }, [key]);
  const shown = urls.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <View className="lx-photos lx-gallery">
      {shown.map((url, index) => (
        <View key={url} className="lx-photo" ariaRole="button" ariaLabel={`查看第 ${index + 1} 张照片`} onClick={() => void Taro.previewImage({ urls: shown, current: url })}>
          <Image className="lx-photo__image" src={url} mode="aspectFill" />
        </View>
      ))}
    </View>
  );
}
