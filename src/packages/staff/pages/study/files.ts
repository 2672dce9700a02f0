/**
 * A PDF for a study article's attachments: weapp takes one from a WeChat chat (wx.chooseMessageFile) and uploads it with
 * wx.cloud.uploadFile; h5 takes it from the browser's file chooser and uploads it through the local gateway. The path
 * comes from the cloud (study.filePath), which remembers it as the uploader's, so save accepts only one's own files.
 */
import Taro from '@tarojs/taro';
import { studyStaff } from '@/shared/contracts/study-staff';
import { ApiError, call } from '@/services';
import { chooseBrowserFile, cloudUpload, gatewayUpload } from '@/services/files';

/** WeChat's own limit for a cloud upload is larger; an article attachment over this is too big for elderly phones. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
const UPLOAD_FAILED = 'PDF 上传失败，请重试';

/** Lets the user choose one PDF and uploads it; null when they cancel. */
export function chooseAndUploadPdf(): Promise<{ fileID: string; name: string } | null> {
  // A plain `return` on weapp makes the browser code dead, so the minifier drops its fetch from the weapp bundle.
  if (process.env.TARO_ENV === 'weapp') return fromChat();
  return fromBrowser();
}

/** weapp: a PDF from a WeChat chat, uploaded with wx.cloud.uploadFile. */
async function fromChat(): Promise<{ fileID: string; name: string } | null> {
  let file: { path: string; name: string; size: number } | undefined;
  try {
    file = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })).tempFiles[0];
  } catch {
    return null;
  }
  if (!file) return null;
  const name = checkedPdf(file.name, file.size);
  const { cloudPath } = await call(studyStaff.filePath, { ext: 'pdf' });
  return { fileID: await cloudUpload(cloudPath, file.path, UPLOAD_FAILED), name };
}

/** h5: the browser's file chooser, uploaded through the local gateway. */
async function fromBrowser(): Promise<{ fileID: string; name: string } | null> {
  const file = await chooseBrowserFile('.pdf,application/pdf');
  if (!file) return null;
  const name = checkedPdf(file.name, file.size);
  const { cloudPath } = await call(studyStaff.filePath, { ext: 'pdf' });
  return { fileID: await gatewayUpload(cloudPath, file, 'application/pdf', UPLOAD_FAILED), name };
}

/** The attachment's name (without .pdf, at most 60 characters); ApiError for another kind of file or one too big. */
function checkedPdf(fileName: string, size: number): string {
  if (!/\.pdf$/i.test(fileName)) throw new ApiError({ code: 'INPUT.INVALID', message: '只能添加 PDF 文件' });
  if (size > MAX_PDF_BYTES) throw new ApiError({ code: 'INPUT.INVALID', message: 'PDF 文件不能超过 10 MB' });
  return fileName.replace(/\.pdf$/i, '').slice(0, 60) || 'PDF 文件';
}
