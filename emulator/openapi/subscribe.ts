/**
 * subscribeMessage.send request checks, in the order and with the errcodes WeChat answers them
 * (40003 touser, 40037 template_id, 47003 template data).
 */
import { wxError, type WxReply } from './wechat';

export type TemplateData = Record<string, { value: string }>;

export interface SendRequest {
  openid: string;
  templateId: string;
  page: string;
  data: TemplateData;
  miniprogramState: string;
  lang: string;
}

/** Longest value WeChat accepts per keyword type (the key minus its number, e.g. thing1 → thing), in characters. */
const VALUE_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  car_number: 8,
  phone_number: 17,
  amount: 32,
};
const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The request as WeChat reads it (snake_case params), plus the error it would answer, or null when it is sendable. */
export function readSendRequest(params: Record<string, unknown>): { request: SendRequest; error: WxReply | null } {
  const data: TemplateData = {};
  const rawData = params.data;
  const fields = rawData && typeof rawData === 'object' && !Array.isArray(rawData) ? Object.entries(rawData) : [];
  for (const [key, field] of fields) {
    const value: unknown = field && typeof field === 'object' && 'value' in field ? field.value : undefined;
    data[key] = { value: typeof value === 'string' || typeof value === 'number' ? String(value) : '' };
  }
  const request: SendRequest = {
    openid: text(params.touser),
    templateId: text(params.template_id),
    page: text(params.page),
    data,
    miniprogramState: text(params.miniprogram_state) || 'formal',
    lang: text(params.lang) || 'zh_CN',
  };
  return { request, error: firstError(request, fields.length) };
}

function firstError(request: SendRequest, fieldCount: number): WxReply | null {
  if (!request.openid) return wxError(40003, 'invalid openid');
  if (!request.templateId) return wxError(40037, 'invalid template_id');
  if (fieldCount === 0) return wxError(47003, 'argument invalid! data is empty');
  for (const [key, { value }] of Object.entries(request.data)) {
    // WeChat's own spelling of this message.
    if (!value) return wxError(47003, `argument invalid! data.${key}.value is emtpy`);
    const limit = VALUE_LIMITS[key.replace(/\d+$/, '')];
    if (limit !== undefined && [...value].length > limit) return wxError(47003, `argument invalid! data.${key}.value invalid`);
  }
  if (!MINIPROGRAM_STATES.includes(request.miniprogramState)) return wxError(47003, 'argument invalid! miniprogram_state invalid');
  if (!LANGS.includes(request.lang)) return wxError(47003, 'argument invalid! lang invalid');
  return null;
}
