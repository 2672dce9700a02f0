import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { createContext, useContext, useEffect, useState } from 'react';
import { fileUrls } from '@/services/files';
import '@/components/PhotoPicker/index.css';

/**
 * Display URLs the page already holds, by fileID (the case page provides case.get's photoUrls: signed by the cloud for
 * this viewer only). Without it the gallery asks for URLs itself, which works only for one's own uploads.
 */
export const PhotoUrlsContext = createContext<Record<string, string> | null>(null);

/** Photos of a case or a reply as thumbnails; tap one to see them full screen. */
export default function PhotoGallery({ fileIDs }: { fileIDs: string[] | undefined }) {
  const signed = useContext(PhotoUrlsContext);
  const [fetched, setFetched] = useState<string[]>([]);
  const key = (fileIDs ?? []).join('|');
  useEffect(() => {
    if (signed) return;
    let current = true;
    const ids = key ? key.split('|') : [];
    void fileUrls(ids).then((found) => current && setFetched(found));
    return () => {
      current = false;
    };
  }, [key, signed]);
  const urls = signed ? (fileIDs ?? []).map((fileID) => signed[fileID] ?? '') : fetched;
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
