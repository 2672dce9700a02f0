/**
 * Typed WeChat open-API calls through wx-server-sdk (`cloud.openapi` is `Record<string, any>` in its types).
 * Request fields are camelCase (the SDK converts to snake_case); replies come back camelCased by the SDK.
 * The calling function's config.json must list the API under permissions.openapi in production.
 */
import { CloudError, initCloud, toCloudError } from './cloud';

type OpenApiMethod = (params: object) => Promise<unknown>;

export interface OpenApiResult {
  errCode: number;
  errMsg: string;
}

/** subscribeMessage.send — one-time subscription message to a user who accepted the template. */
export interface SubscribeMessageSendRequest {
  touser: string;
  templateId: string;
  /** Mini-program page opened from the message, e.g. "pages/case/index?id=1". */
  page?: string;
  /** Template keywords: { thing1: { value: '...' }, time2: { value: '...' } }. */
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

/** security.msgSecCheck v2 — content safety check of user text. */
export interface MsgSecCheckRequest {
  content: string;
  version: 2;
  /** 1 资料, 2 评论, 3 论坛, 4 社交日志. */
  scene: 1 | 2 | 3 | 4;
  openid: string;
  title?: string;
  nickname?: string;
  signature?: string;
}

export type SecSuggest = 'pass' | 'review' | 'risky';

export interface MsgSecCheckResult extends OpenApiResult {
  traceId: string;
  result: { suggest: SecSuggest; label: number };
  detail: Array<{ strategy: string; errcode: number; suggest?: SecSuggest; label?: number; prob?: number; keyword?: string }>;
}

/** wxacode.getUnlimited — a mini-program code opening `page`, which receives `scene` URI-encoded as its `scene` query. */
export interface UnlimitedCodeRequest {
  /** At most 32 characters of [A-Za-z0-9!#$&'()*+,/:;=?@-._~] (40169 / 40129 otherwise). */
  scene: string;
  /** A published page without a leading "/" or a query (41030 otherwise); default: the home page. */
  page?: string;
  /** false lets an unpublished page through (WeChat caps such pages at 60,000). */
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  /** 280…1280 px; default 430. */
  width?: number;
  autoColor?: boolean;
  lineColor?: { r: number; g: number; b: number };
  isHyaline?: boolean;
}

function method(api: string): OpenApiMethod {
  const [group, name] = api.split('.');
  const openapi: Record<string, Record<string, OpenApiMethod | undefined> | undefined> = initCloud().openapi;
  const fn = openapi[group]?.[name];
  if (!fn) throw new CloudError(-604100, `API not found: ${api}`);
  return fn;
}

async function call(api: string, params: object): Promise<Record<string, unknown>> {
  let reply: unknown;
  try {
    reply = await method(api)(params);
  } catch (error) {
    throw toCloudError(error);
  }
  if (typeof reply !== 'object' || reply === null) throw new CloudError(-1, `${api}: unexpected reply`);
  const fields = reply as Record<string, unknown>;
  const errCode = typeof fields.errCode === 'number' ? fields.errCode : -1;
  const errMsg = typeof fields.errMsg === 'string' ? fields.errMsg : '';
  if (errCode !== 0) throw new CloudError(errCode, errMsg || `${api}:fail`);
  return fields;
}

/** Sends a subscription message; rejects with CloudError (e.g. 43101 user refused / no credit left). */
export async function sendSubscribeMessage(request: SubscribeMessageSendRequest): Promise<OpenApiResult> {
  const reply = await call('subscribeMessage.send', request);
  return { errCode: 0, errMsg: String(reply.errMsg ?? 'openapi.subscribeMessage.send:ok') };
}

/** Checks user text; `result.suggest` is 'pass' | 'review' | 'risky'. */
export async function msgSecCheck(request: MsgSecCheckRequest): Promise<MsgSecCheckResult> {
  const reply = await call('security.msgSecCheck', request);
  const result = (reply.result ?? {}) as { suggest?: unknown; label?: unknown };
  const suggest = result.suggest;
  // Never default to 'pass': an unreadable verdict must not let content through.
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
    throw new CloudError(-1, `security.msgSecCheck: no verdict in reply (${JSON.stringify(reply.result)})`);
  }
  return {
    errCode: 0,
    errMsg: String(reply.errMsg ?? 'openapi.security.msgSecCheck:ok'),
    traceId: typeof reply.traceId === 'string' ? reply.traceId : '',
    result: { suggest, label: typeof result.label === 'number' ? result.label : 100 },
    detail: Array.isArray(reply.detail) ? (reply.detail as MsgSecCheckResult['detail']) : [],
  };
}

/** Draws a mini-program code; resolves the image bytes (PNG), rejects with CloudError (41030 page, 45009 rate limit, ...). */
export async function getUnlimitedCode(request: UnlimitedCodeRequest): Promise<Buffer> {
  const reply = await call('wxacode.getUnlimited', request);
  const { buffer, contentType } = reply;
  if (!Buffer.isBuffer(buffer) || buffer.length === 0) throw new CloudError(-1, `wxacode.getUnlimited: no image in reply (${String(contentType)})`);
  return buffer;
}
