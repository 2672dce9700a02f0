/**
 * Photos for a form (意见征询表, 答复): choose with Taro.chooseImage, upload each at once, show thumbnails, remove.
 * The form owns the list of fileIDs; this keeps the thumbnails and the upload count.
 */
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { fileUrls, uploadImage } from '../services/files';
import { errorMessage } from './errors';
import { requestPrivacyConsent } from './use-privacy-consent';

type SetPhotos = (update: (current: string[]) => string[]) => void;

/** Thumbnails and uploads for `photos` (fileIDs) at most `max`; photos already in the list get display URLs from the cloud. */
export function usePhotoUploads(photos: string[], setPhotos: SetPhotos, max: number) {
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(0);

  // Photos of a restored draft: their temporary local paths are gone, ask the cloud for display URLs.
  const initial = useRef(photos);
  useEffect(() => {
    const known = initial.current;
    if (known.length === 0) return;
    void fileUrls(known).then((urls) => setThumbs((current) => ({ ...Object.fromEntries(known.map((id, i) => [id, urls[i]])), ...current })));
  }, []);

  const add = async (): Promise<void> => {
    const room = max - photos.length - uploading;
    if (room <= 0) return;
    if (!(await requestPrivacyConsent())) return;
    let paths: string[];
    try {
      paths = (await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths.slice(0, room);
    } catch {
      return; // The picker was closed.
    }
    setUploading((n) => n + paths.length);
    for (const path of paths) {
      try {
        const fileID = await uploadImage(path);
        setThumbs((current) => ({ ...current, [fileID]: path }));
        setPhotos((current) => (current.length < max ? [...current, fileID] : current));
      } catch (error) {
        void Taro.showToast({ title: errorMessage(error), icon: 'none' });
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  const remove = (fileID: string): void => setPhotos((current) => current.filter((id) => id !== fileID));

  return { thumbs, uploading, add, remove };
}
