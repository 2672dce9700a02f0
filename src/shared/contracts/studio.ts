/** `studio`: 党代表工作室 and their 流动服务点 — the public directory residents browse, and the QR codes staff print. */
import * as v from 'valibot';
import type { GeoPoint } from '../cases/model';
import { action, defineFunction, id } from '../contract';

/** The opinion form page; a QR code opens it with the studio (and service point) filled in. */
export const OPINION_FORM_PAGE = 'pages/opinion-form/index';

export interface StudioSummary {
  id: string;
  name: string;
  orgId: string;
  address: string;
  location?: GeoPoint;
  hours: string;
  contact: string;
  /** Metres from the position the caller sent (absent when none was sent or the studio has no location). */
  distance?: number;
}

export interface ServicePointView {
  id: string;
  studioId: string;
  name: string;
  address: string;
  location?: GeoPoint;
  schedule: string;
}

export interface StudioDetail {
  studio: StudioSummary;
  servicePoints: ServicePointView[];
  /** Deputies on duty today (China weekday 1 = Monday … 7 = Sunday): names only, never openids. */
  onDuty: { weekday: number; names: string[] };
  /** Every deputy of the studio by name (the studio page lists them). */
  deputyNames: string[];
}

export interface StudioQr {
  /** Mini-program page path with the query, e.g. pages/opinion-form/index?studio=studio-donghu&point=point-donghu-sq. */
  path: string;
  /** The same page for the H5 build (hash routing): append to the site's origin. */
  h5Path: string;
  /** What the printed card says under the code. */
  title: string;
  /** A temporary download URL of the code's PNG (a mini-program code opening the form with the place filled in). */
  imageUrl: string;
  /** The PNG in cloud storage (drawn once per place, then reused). */
  fileID: string;
}

/** Errors of the `studio` function. */
export const StudioErrors = {
  /** WeChat would not draw the code (the form page is not in the published version yet, or the code cannot hold the id). */
  QR_UNAVAILABLE: 'STUDIO.QR_UNAVAILABLE',
} as const;

/** The place a printed code names: the scene has room for one id, and a service point knows its studio. */
export type ScenePlace = { studioId: string } | { servicePointId: string };

/** WeChat's limits for a code's scene: at most 32 characters from this set. */
const SCENE_PATTERN = /^[A-Za-z0-9!#$&'()*+,/:;=?@._~-]{1,32}$/;

/** The scene of a place's code — 's=<studio id>' or 'p=<service point id>' — or null when the id cannot fit in one. */
export function placeScene(place: ScenePlace): string | null {
  const scene = 'studioId' in place ? `s=${place.studioId}` : `p=${place.servicePointId}`;
  return SCENE_PATTERN.test(scene) ? scene : null;
}

/** The place a scanned code names (its scene, URI-decoded), or null for a scene that is not one of ours. */
export function sceneToPlace(scene: string): ScenePlace | null {
  if (!SCENE_PATTERN.test(scene)) return null;
  const match = /^([sp])=(.+)$/.exec(scene);
  if (!match) return null;
  return match[1] === 's' ? { studioId: match[2] } : { servicePointId: match[2] };
}

// Only a page sends a position: a wrong one means locating went wrong, not that the resident typed something.
const POSITION_BROKEN = '位置没有取对，请再点一次“离我最近的排前面”';
const latitude = v.pipe(v.number(POSITION_BROKEN), v.minValue(-90, POSITION_BROKEN), v.maxValue(90, POSITION_BROKEN));
const longitude = v.pipe(v.number(POSITION_BROKEN), v.minValue(-180, POSITION_BROKEN), v.maxValue(180, POSITION_BROKEN));

export const studio = defineFunction('studio', {
  list: action({
    summary: '党代表工作室列表（给出位置时由近到远）',
    input: v.object({ latitude: v.optional(latitude), longitude: v.optional(longitude) }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ studios: StudioSummary[] }>(),
  get: action({
    summary: '工作室详情：流动服务点与今日值班代表（也可由服务点找到它的工作室）',
    input: v.union([v.object({ id: id('工作室') }), v.object({ servicePointId: id('服务点') })], '请指定工作室或服务点'),
    roles: ['resident'],
    idempotent: true,
  }).returns<StudioDetail>(),
  qr: action({
    summary: '工作室或流动服务点的意见征询码：可打印的小程序码图片，扫码打开预填了地点的意见表',
    input: v.union([v.object({ studioId: id('工作室') }), v.object({ servicePointId: id('服务点') })], '请指定工作室或服务点'),
    roles: ['resident'],
    idempotent: true,
  }).returns<StudioQr>(),
});
