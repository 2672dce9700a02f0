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
}

const latitude = v.pipe(v.number('纬度不正确'), v.minValue(-90, '纬度不正确'), v.maxValue(90, '纬度不正确'));
const longitude = v.pipe(v.number('经度不正确'), v.minValue(-180, '经度不正确'), v.maxValue(180, '经度不正确'));

export const studio = defineFunction('studio', {
  list: action({
    summary: '党代表工作室列表（给出位置时由近到远）',
    input: v.object({ latitude: v.optional(latitude), longitude: v.optional(longitude) }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ studios: StudioSummary[] }>(),
  get: action({
    summary: '工作室详情：流动服务点与今日值班代表',
    input: v.object({ id: id('工作室') }),
    roles: ['resident'],
    idempotent: true,
  }).returns<StudioDetail>(),
  qr: action({
    summary: '工作室或流动服务点的意见征询码（打开预填了地点的意见表）',
    input: v.union([v.object({ studioId: id('工作室') }), v.object({ servicePointId: id('服务点') })], '请指定工作室或服务点'),
    roles: ['resident'],
    idempotent: true,
  }).returns<StudioQr>(),
});
