/**
 * Roster tables from the client: pick an .xlsx/.csv (weapp: a file from a WeChat chat, wx.chooseMessageFile; h5: the
 * browser's file chooser) and upload it to cloud storage at a random path the cloud hands out (roster.uploadPath), so
 * the roster function reads it server-side and checks it is the caller's own upload.
 */
import Taro from '@tarojs/taro';
import { roster } from '../shared/contracts/roster';
import { ApiError } from './errors';
import { chooseBrowserFile, cloudUpload, gatewayUpload } from './files';
import { call } from './index';

export interface PickedTable {
  name: string;
  ext: 'xlsx' | 'csv';
  /** weapp: the temp file path; h5: the chosen File. */
  source: string | Blob;
}

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv' } as const;
const UPLOAD_FAILED = '表格上传失败，请重试';

function extOf(name: string): 'xlsx' | 'csv' | null {
  const ext = /\.(\w+)$/.exec(name)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

/** Lets the user choose one table; null when they cancel. ApiError when the file is not .xlsx or .csv. */
export async function pickTable(): Promise<PickedTable | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
      const file = tempFiles[0];
      if (!file) return null;
      return checked(file.name, file.path);
    } catch {
      return null;
    }
  }
  const file = await chooseBrowserFile('.xlsx,.csv');
  return file ? checked(file.name, file) : null;
}

function checked(name: string, source: string | Blob): PickedTable {
  const ext = extOf(name);
  if (!ext) throw new ApiError({ code: 'INPUT.INVALID', message: '只能导入 .xlsx 或 .csv 表格，请在 Excel 中另存为后再选' });
  return { name, ext, source };
}

/** Uploads the chosen table; resolves its cloud fileID. */
export async function uploadTable(table: PickedTable): Promise<string> {
  const { cloudPath } = await call(roster.uploadPath, { ext: table.ext });
  // A plain `return` on weapp makes the browser code below dead, so the minifier drops its fetch from the weapp bundle.
  if (process.env.TARO_ENV === 'weapp') return cloudUpload(cloudPath, table.source as string, UPLOAD_FAILED);
  return gatewayUpload(cloudPath, table.source as Blob, CONTENT_TYPES[table.ext], UPLOAD_FAILED);
}
