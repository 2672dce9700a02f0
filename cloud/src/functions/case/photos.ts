/**
 * Photos of cases. Where a client uploads one: a random path the cloud hands out (`case.photoPath`) and remembers as
 * the caller's (`uploads`, _id = the path's random name), so a stored path reveals nobody and a submit can refuse a
 * photo someone else uploaded (attaching a stranger's fileID to one's own case would otherwise open it to them).
 * Who sees one: the case view answers short-lived URLs for exactly the photos that viewer's view holds.
 */
import { randomBytes } from 'node:crypto';
import type { PHOTO_EXTENSIONS } from '../../../../src/shared/contracts/case';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import type { RequestContext } from '../../app/serve';
import { getTempFileURL } from '../../infra/cloud';
import type { Database } from '../../infra/database';

interface UploadDoc {
  _id: string;
  ownerOpenid: string;
  cloudPath: string;
  createdAt: number;
}

const uploadsOf = (db: Database) => db.collection<UploadDoc>('uploads');

/** Seconds a photo URL in a case view stays valid (the page asks again when it reloads). */
export const PHOTO_URL_SECONDS = 30 * 60;

/** A fresh upload path for the caller, e.g. uploads/9f…e1.jpg: random, so it names nobody and cannot be guessed. */
export async function photoPath({ ext }: { ext: (typeof PHOTO_EXTENSIONS)[number] }, ctx: RequestContext): Promise<{ cloudPath: string }> {
  const name = randomBytes(16).toString('hex');
  const cloudPath = `uploads/${name}.${ext}`;
  await uploadsOf(ctx.db).add({ _id: name, ownerOpenid: ctx.caller.openid, cloudPath, createdAt: ctx.now });
  return { cloudPath };
}

const UPLOADED = /^cloud:\/\/[^/]+\/(uploads\/([0-9a-f]{32})\.[a-z]+)$/;

/** Refuses (INPUT.INVALID on photos) any photo the caller did not upload to a path handed out to them. */
export async function requireOwnPhotos(db: Database, openid: string, photos: readonly string[]): Promise<void> {
  if (photos.length === 0) return;
  const parsed = photos.map((fileID) => UPLOADED.exec(fileID));
  const names = parsed.flatMap((match) => (match ? [match[2]] : []));
  const _ = db.command;
  const found = names.length > 0 ? await uploadsOf(db).where({ _id: _.in(names) }).field({ ownerOpenid: true, cloudPath: true }).get() : [];
  const mine = new Map(found.filter((doc) => doc.ownerOpenid === openid).map((doc) => [doc._id, doc.cloudPath]));
  if (parsed.every((match) => match !== null && mine.get(match[2]) === match[1])) return;
  const message = '有图片没有上传成功，请删除后重新添加';
  throw new AppError(ErrorCodes.INPUT_INVALID, message, { fields: { photos: message } });
}

/** Display URLs (valid PHOTO_URL_SECONDS) for the photos a view holds, by fileID; a photo that cannot be signed has none. */
export async function signedPhotoUrls(fileIDs: readonly string[]): Promise<Record<string, string>> {
  const unique = [...new Set(fileIDs)];
  if (unique.length === 0) return {};
  try {
    const links = await getTempFileURL(unique, PHOTO_URL_SECONDS);
    return Object.fromEntries(links.filter((link) => link.status === 0 && link.tempFileURL).map((link) => [link.fileID, link.tempFileURL]));
  } catch (error) {
    // The case still shows without its pictures.
    console.warn('photo URLs not signed:', error);
    return {};
  }
}
