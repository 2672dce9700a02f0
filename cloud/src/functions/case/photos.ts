/**
 * Photos of cases. Where a client uploads one: a random path the cloud hands out (`case.photoPath`) and remembers as
 * the caller's (`uploads`, _id = the path's random name), so a stored path reveals nobody and a submit can refuse a
 * photo someone else uploaded (attaching a stranger's fileID to one's own case would otherwise open it to them).
 * Who sees one: the case view answers short-lived URLs for exactly the photos that viewer's view holds.
 */
import type { PHOTO_EXTENSIONS } from '../../../../src/shared/contracts/case';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import type { RequestContext } from '../../app/serve';
import { getTempFileURL } from '../../infra/cloud';
import type { Database } from '../../infra/database';
import { newUploadPath, ownUploads } from '../../infra/uploads';

/** Seconds a photo URL in a case view stays valid (the page asks again when it reloads). */
export const PHOTO_URL_SECONDS = 30 * 60;

/** A fresh upload path for the caller, e.g. uploads/9f…e1.jpg: random, so it names nobody and cannot be guessed. */
export async function photoPath({ ext }: { ext: (typeof PHOTO_EXTENSIONS)[number] }, ctx: RequestContext): Promise<{ cloudPath: string }> {
  return { cloudPath: await newUploadPath(ctx.db, ctx.caller.openid, ext, ctx.now) };
}

/** Refuses (INPUT.INVALID on photos) any photo the caller did not upload to a path handed out to them. */
export async function requireOwnPhotos(db: Database, openid: string, photos: readonly string[]): Promise<void> {
  if (photos.length === 0) return;
  const mine = await ownUploads(db, openid, photos);
  if (photos.every((fileID) => mine.has(fileID))) return;
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
