/**
 * Cloud files from the client: upload a chosen image and get display URLs for fileIDs. weapp uses the mini-program's
 * own cloud API (wx.cloud.uploadFile / getTempFileURL); h5 uses the local gateway, which plays that part.
 */
import Taro from '@tarojs/taro';
import type { Envelope } from '../shared/errors';
import { ApiError } from './errors';

const UPLOAD_FAILED = '图片上传失败，请重试';

/** Uploads an image chosen with Taro.chooseImage/chooseMedia (its temp path); resolves the cloud fileID. */
export async function uploadImage(tempFilePath: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const ext = /\.(\w+)$/.exec(tempFilePath)?.[1] ?? 'jpg';
    const cloudPath = `uploads/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`;
    try {
      return (await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath })).fileID;
    } catch {
      throw new ApiError({ code: 'FILE.UPLOAD_FAILED', message: UPLOAD_FAILED });
    }
  }
  // h5: the temp path is a blob: URL of the chosen file.
  const blob = await (await fetch(tempFilePath)).blob();
  const response = await fetch('/api/_wx/upload', { method: 'POST', headers: { 'content-type': blob.type || 'image/jpeg' }, body: blob, credentials: 'include' });
  const reply = (await response.json().catch(() => null)) as Envelope<{ fileID: string }> | null;
  if (!reply) throw new ApiError({ code: 'FILE.UPLOAD_FAILED', message: UPLOAD_FAILED });
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.data.fileID;
}

/** Display URLs for cloud fileIDs (in the same order); a file that cannot be shown maps to ''. */
export async function fileUrls(fileIDs: string[]): Promise<string[]> {
  if (fileIDs.length === 0) return [];
  if (process.env.TARO_ENV === 'weapp') {
    // The mini-program <Image> shows cloud:// fileIDs directly.
    return fileIDs;
  }
  const response = await fetch('/api/_wx/temp-urls', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fileIDs }),
    credentials: 'include',
  });
  const reply = (await response.json().catch(() => null)) as Envelope<{ fileList: Array<{ fileID: string; tempFileURL: string }> }> | null;
  if (!reply || !reply.ok) return fileIDs.map(() => '');
  const byId = new Map(reply.data.fileList.map((file) => [file.fileID, file.tempFileURL]));
  return fileIDs.map((fileID) => byId.get(fileID) ?? '');
}
