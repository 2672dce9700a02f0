/**
 * `uploads`: who each upload path was handed to (_id = the path's random name). A client uploads only to a random path
 * the cloud hands out, so a stored path names nobody and cannot be guessed, and an action can refuse a file someone
 * else uploaded (attaching a stranger's fileID would otherwise open it to whoever reads what it is attached to).
 */
import { randomBytes } from 'node:crypto';
import { AppError, ErrorCodes } from '../../../src/shared/errors';
import type { Database } from './database';

interface UploadDoc {
  _id: string;
  ownerOpenid: string;
  cloudPath: string;
  createdAt: number;
}

const uploadsOf = (db: Database) => db.collection<UploadDoc>('uploads');

// cloud://<env>/uploads/<32 hex>.<ext>: the path (1), its random name (2), the extension (3).
const UPLOADED = /^cloud:\/\/[^/]+\/(uploads\/([0-9a-f]{32})\.([a-z]+))$/;

/** A fresh upload path for the caller, e.g. uploads/9f…e1.jpg, remembered as theirs. */
export async function newUploadPath(db: Database, ownerOpenid: string, ext: string, now: number): Promise<string> {
  const name = randomBytes(16).toString('hex');
  const cloudPath = `uploads/${name}.${ext}`;
  await uploadsOf(db).add({ _id: name, ownerOpenid, cloudPath, createdAt: now });
  return cloudPath;
}

/** fileID → extension for each of the files the caller uploaded to a path handed to them (one indexed read, none for none). */
export async function ownUploads(db: Database, openid: string, fileIDs: readonly string[]): Promise<Map<string, string>> {
  const parsed = fileIDs.flatMap((fileID) => {
    const match = UPLOADED.exec(fileID);
    return match ? [{ fileID, cloudPath: match[1], name: match[2], ext: match[3] }] : [];
  });
  if (parsed.length === 0) return new Map();
  const _ = db.command;
  const found = await uploadsOf(db).where({ _id: _.in(parsed.map((file) => file.name)) }).field({ ownerOpenid: true, cloudPath: true }).get();
  const mine = new Map(found.filter((doc) => doc.ownerOpenid === openid).map((doc) => [doc._id, doc.cloudPath]));
  return new Map(parsed.filter((file) => mine.get(file.name) === file.cloudPath).map((file) => [file.fileID, file.ext]));
}

/** The caller's own uploaded table (roster or question bank); INPUT.INVALID on `fileID` otherwise. */
export async function requireOwnTable(db: Database, openid: string, fileID: string): Promise<'xlsx' | 'csv'> {
  const ext = (await ownUploads(db, openid, [fileID])).get(fileID);
  if (ext === 'xlsx' || ext === 'csv') return ext;
  const message = '文件没有上传成功，请重新选择';
  throw new AppError(ErrorCodes.INPUT_INVALID, message, { fields: { fileID: message } });
}
