/** 党代表工作室 and their 流动服务点 as stored. Platform-free. */
import type { GeoPoint } from './cases/model';

/** Weekday 1 (Monday) … 7 (Sunday) → openids of the deputies on duty. */
export type DutyRoster = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', string[]>>;

export interface StudioDoc {
  _id: string;
  name: string;
  /** The organisation node the studio hangs on, and that node's path (scope checks, roll-ups). */
  orgId: string;
  orgPath: string[];
  address: string;
  location?: GeoPoint;
  /** e.g. "周一至周五 9:00-17:00". */
  hours: string;
  contact: string;
  roster: DutyRoster;
  /** Display names of deputies by openid (kept with the studio so lists need no join). */
  deputies: Record<string, string>;
  /** The printed 意见征询码 (a PNG in cloud storage), once studio.qr has drawn it. */
  qrFileId?: string;
  createdAt: number;
}

export interface ServicePointDoc {
  _id: string;
  studioId: string;
  orgPath: string[];
  name: string;
  address: string;
  location?: GeoPoint;
  /** e.g. "每月第一个周六 9:00-11:30". */
  schedule: string;
  /** The printed 意见征询码 (a PNG in cloud storage), once studio.qr has drawn it. */
  qrFileId?: string;
  createdAt: number;
}
