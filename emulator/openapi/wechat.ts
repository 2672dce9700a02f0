/** Shapes shared by WeChat's open-API replies: errcode/errmsg, and the rid / trace_id its servers stamp on them. */
import { randomBytes } from 'node:crypto';

export interface WxReply {
  errcode: number;
  errmsg: string;
  [field: string]: unknown;
}

/** An id in WeChat's form, e.g. "6650f1a2-2c3cfa91-12fb29d2" (hex unix time, then random). */
export function wechatId(): string {
  const time = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return `${time}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** A WeChat error: its errmsg carries " rid: ..." as production's does. */
export function wxError(errcode: number, errmsg: string): WxReply {
  return { errcode, errmsg: `${errmsg} rid: ${wechatId()}` };
}

export const WX_OK: WxReply = { errcode: 0, errmsg: 'ok' };
