/**
 * Cloud files from the client: upload a chosen image and get display URLs for fileIDs. weapp uses the mini-program's
 * own cloud API (wx.cloud.uploadFile / getTempFileURL); h5 uses the local gateway, which plays that part.
 * Where a photo goes is handed out by the cloud (case.photoPath): a random path it remembers as ours, so the path names
 * nobody and a submit accepts only photos we uploaded. A case's photos come signed with the case (case.get photoUrls).
 */
import Taro from '@tarojs/taro';
import { PHOTO_EXTENSIONS, cases } from '../shared/contracts/case';
import type { Envelope } from '../shared/errors';
import { fetchWithIdentity } from './channel-http';
import { ApiError } from './errors';
import { call } from './index';

const UPLOAD_FAILED = '图片上传失败，请重试';

/** Uploads an image chosen with Taro.chooseImage/chooseMedia (its temp path); resolves the cloud fileID. */
export function uploadImage(tempFilePath: string): Promise<string> {
  // TARO_ENV is replaced at build time: webpack drops the unused branch, and with the gateway's function the browser's
  // fetch (and the http channel it imports) leave the weapp bundle (check:weapp looks for fetch).
  return process.env.TARO_ENV === 'weapp' ? uploadToCloud(tempFilePath) : uploadThroughGateway(tempFilePath);
}

/** h5: the temp path is a blob: URL of the chosen file; the local gateway plays wx.cloud.uploadFile. */
async function uploadThroughGateway(tempFilePath: string): Promise<string> {
  const blob = await (await fetch(tempFilePath)).blob();
  const type = blob.type || 'image/jpeg';
  const { cloudPath } = await call(cases.photoPath, { ext: photoExtension(type.replace(/^image\//, '')) });
  return gatewayUpload(cloudPath, blob, type, UPLOAD_FAILED);
}

/** weapp: the mini-program's own wx.cloud.uploadFile. */
async function uploadToCloud(tempFilePath: string): Promise<string> {
  const { cloudPath } = await call(cases.photoPath, { ext: photoExtension(/\.(\w+)$/.exec(tempFilePath)?.[1] ?? '') });
  return cloudUpload(cloudPath, tempFilePath, UPLOAD_FAILED);
}

/**
 * h5: uploads `body` to `cloudPath` (handed out by the cloud) through the local gateway, which plays
 * wx.cloud.uploadFile; resolves the fileID. Callers reach it only off weapp, so it leaves the weapp bundle.
 */
export async function gatewayUpload(cloudPath: string, body: Blob, contentType: string, failed: string): Promise<string> {
  const response = await fetchWithIdentity(`/api/_wx/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const reply = (await response.json().catch(() => null)) as Envelope<{ fileID: string }> | null;
  if (!reply) throw new ApiError({ code: 'FILE.UPLOAD_FAILED', message: failed });
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.data.fileID;
}

/** weapp: wx.cloud.uploadFile of a temp file to `cloudPath`; resolves the fileID, or ApiError with `failed`. */
export async function cloudUpload(cloudPath: string, filePath: string, failed: string): Promise<string> {
  try {
    return (await Taro.cloud.uploadFile({ cloudPath, filePath })).fileID;
  } catch {
    throw new ApiError({ code: 'FILE.UPLOAD_FAILED', message: failed });
  }
}

/** h5: one file from the browser's file chooser (`accept` as on an <input type=file>); null when the user cancels. */
export function chooseBrowserFile(accept: string): Promise<File | null> {
  return new Promise<File | null>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Display URLs for cloud fileIDs (in the same order); a file that cannot be shown maps to ''. */
export function fileUrls(fileIDs: string[]): Promise<string[]> {
  if (fileIDs.length === 0) return Promise.resolve([]);
  // The mini-program <Image> shows cloud:// fileIDs directly (as in uploadImage, the unused branch is dropped).
  return process.env.TARO_ENV === 'weapp' ? Promise.resolve(fileIDs) : gatewayUrls(fileIDs);
}

/** h5: the gateway signs only our own uploads (a restored draft's photos); a case's photos come signed with the case. */
async function gatewayUrls(fileIDs: string[]): Promise<string[]> {
  const response = await fetchWithIdentity('/api/_wx/temp-urls', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fileIDs }),
  });
  const reply = (await response.json().catch(() => null)) as Envelope<{ fileList: Array<{ fileID: string; tempFileURL: string }> }> | null;
  if (!reply || !reply.ok) return fileIDs.map(() => '');
  const byId = new Map(reply.data.fileList.map((file) => [file.fileID, file.tempFileURL]));
  return fileIDs.map((fileID) => byId.get(fileID) ?? '');
}

/** A photo extension the cloud accepts, from a file name's or content type's ending (jpg when unknown). */
function photoExtension(ending: string): (typeof PHOTO_EXTENSIONS)[number] {
  const lower = ending.toLowerCase();
  return (PHOTO_EXTENSIONS as readonly string[]).includes(lower) ? (lower as (typeof PHOTO_EXTENSIONS)[number]) : 'jpg';
}
