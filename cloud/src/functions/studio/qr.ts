/**
 * 意见征询码: a place's mini-program code, drawn by WeChat once (wxacode.getUnlimited), kept in cloud storage at
 * qrcodes/<studio>[-<point>].png with its fileID on the place's document, and reused afterwards — WeChat rate-limits
 * drawing (45009), and the same place must always print the same code.
 */
import { OPINION_FORM_PAGE, placeScene, StudioErrors, type ScenePlace, type StudioQr } from '../../../../src/shared/contracts/studio';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import { CloudError, getTempFileURL, uploadFile } from '../../infra/cloud';
import type { Database } from '../../infra/database';
import { getUnlimitedCode } from '../../infra/openapi';

/** WeChat's largest code, for print. */
const PRINT_WIDTH = 1280;

/** A studio or service point as far as its code is concerned. */
export interface Place {
  collection: 'studios' | 'service_points';
  /** The document's id (the studio's or the point's). */
  id: string;
  studioId: string;
  /** Set for a service point. */
  pointId?: string;
  name: string;
  qrFileId?: string;
}

/** The code of a place: its links, and the PNG (drawn and stored on first use). */
export async function placeCode(db: Database, place: Place): Promise<StudioQr> {
  const query = `studio=${encodeURIComponent(place.studioId)}${place.pointId ? `&point=${encodeURIComponent(place.pointId)}` : ''}`;
  const path = `${OPINION_FORM_PAGE}?${query}`;
  const { fileID, imageUrl } = (await storedCode(place)) ?? (await drawAndStore(db, place));
  return { path, h5Path: `/#/${path}`, title: `${place.name} 意见征询`, imageUrl, fileID };
}

/** The stored image and a fresh link to it, or null when none was stored or the file is gone from storage. */
async function storedCode(place: Place): Promise<{ fileID: string; imageUrl: string } | null> {
  if (!place.qrFileId) return null;
  const [link] = await getTempFileURL([place.qrFileId]);
  return link && link.status === 0 ? { fileID: place.qrFileId, imageUrl: link.tempFileURL } : null;
}

async function drawAndStore(db: Database, place: Place): Promise<{ fileID: string; imageUrl: string }> {
  const target: ScenePlace = place.pointId ? { servicePointId: place.pointId } : { studioId: place.studioId };
  const scene = placeScene(target);
  if (!scene) throw new AppError(StudioErrors.QR_UNAVAILABLE, '这个地点的编号太长或含有特殊字符，放不进小程序码，请联系管理员');
  let png: Buffer;
  try {
    png = await getUnlimitedCode({ scene, page: OPINION_FORM_PAGE, checkPath: true, envVersion: 'release', width: PRINT_WIDTH });
  } catch (error) {
    throw codeError(error);
  }
  // Two first calls at once draw the same image into the same path: the second upload overwrites the first harmlessly.
  const fileID = await uploadFile(`qrcodes/${fileName(place)}.png`, png);
  await db.collection<{ qrFileId?: string }>(place.collection).doc(place.id).update({ qrFileId: fileID });
  const [link] = await getTempFileURL([fileID]);
  if (!link || link.status !== 0) throw new AppError(ErrorCodes.INTERNAL, '意见征询码已生成，但图片链接获取失败，请稍后再试');
  return { fileID, imageUrl: link.tempFileURL };
}

/** qrcodes/<studio>[-<point>]: ids reduced to characters that are safe in a storage path. */
function fileName(place: Place): string {
  const safe = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, '_');
  return place.pointId ? `${safe(place.studioId)}-${safe(place.pointId)}` : safe(place.studioId);
}

/** WeChat's refusals of a code in words staff can act on; anything else is returned as it is (an internal error). */
export function codeError(error: unknown): unknown {
  if (!(error instanceof CloudError)) return error;
  if (error.errCode === 41030) {
    return new AppError(StudioErrors.QR_UNAVAILABLE, '小程序正式版还没有意见表页面，发布后才能生成意见征询码');
  }
  if (error.errCode === 45009) return new AppError(ErrorCodes.RATE_LIMITED, '生成意见征询码太频繁，请稍后再试');
  return error;
}
