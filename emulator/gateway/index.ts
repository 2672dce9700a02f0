/**
 * The local gateway for the H5 build: plays the part WeChat plays for the mini-program.
 * - serves the H5 build (dist-h5) at /
 * - POST /api/_wx/login settles the browser's identity (what wx.login does): a signed cookie with a stable anonymous
 *   openid for a first visit, as WeChat gives everyone one; the client calls it once before anything else
 * - POST /api/<function> runs the cloud function through the runner with a WeChat context whose OPENID comes from that
 *   cookie — never from the request body. Without a valid cookie it answers 401 AUTH.LOGIN_REQUIRED and mints nothing,
 *   so concurrent first requests cannot split one browser into several identities (and a retried write finds the first)
 * - dev mode only: a persona sign-in so one browser can act as resident, member, deputy or admin, and
 *   POST /api/_dev/timers/<function> {at?} to fire a timer trigger on demand (this is the dev route for
 *   what was first asked for as /_emulator/timers: the gateway owns dev-only routes)
 * - POST /api/_wx/subscribe records the templates the user accepted (what wx.requestSubscribeMessage does on weapp)
 * - POST /api/_wx/upload?cloudPath= (raw image body) and /api/_wx/temp-urls: what wx.cloud.uploadFile / getTempFileURL
 *   do; the uploader is recorded with the file, and temp-urls signs only the caller's own uploads that still exist (a
 *   preview before submitting: a case's photos come signed with the case, to those who may see it)
 * Identity cookies expire on the server (30 days without use; renewed by use after a day) and signing out revokes the
 * cookie itself. Every POST that reads JSON wants application/json and, when the browser names an Origin, this host's
 * own — a cross-site form or text/plain beacon is refused. Bodies are bounded, and every answer, refusals included, is
 * the envelope; a refusal closes the connection so an unread body never hangs it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { BodyError, parseJsonObject, readLimited } from '../http-limits';
import type { EmulatorModule } from '../protocol';

export interface GatewayPersona {
  key: string;
  openid: string;
  label: string;
  description: string;
}

export interface InvokeContext {
  OPENID: string;
  APPID: string;
  UNIONID: string;
  CLIENTIP: string;
  source: string;
}

export interface GatewayOptions {
  /** Runs a deployed function (the runner's invoke). */
  invoke: (name: string, event: unknown, context: InvokeContext) => Promise<unknown>;
  /** Grants one-time subscription credits (the open-API module's ledger). */
  grantCredits: (openid: string, templateIds: string[]) => Promise<unknown> | unknown;
  /** Folder of the H5 build; null serves no pages. */
  staticDir: string | null;
  /** Dev mode allows persona sign-in; production-like runs refuse it. */
  dev: boolean;
  personas: GatewayPersona[];
  /** Secret that signs identity cookies (keep it in the data folder so sign-ins survive restarts). */
  secret: string;
  /** Where revoked cookies are kept so a sign-out survives a restart (null: in memory only). */
  revocationsFile?: string | null;
  /** Identity lifetime without use (default 30 days) and the age after which use renews it (default 1 day); tests shorten them. */
  sessionMaxAgeMs?: number;
  sessionRenewAfterMs?: number;
  /** The clock (tests). */
  now?: () => number;
  appId?: string;
  /** Function names that may be called from the client. */
  functions: string[];
  /** Dev mode: fires a function's timer trigger now, or as if at `at` (so people and e2e tests can run 限时办结). */
  fireTimer?: (name: string, at?: Date) => Promise<unknown>;
  /** Cloud storage, for what wx.cloud.uploadFile / getTempFileURL do on weapp. */
  storage?: {
    /** Stores a client upload, recording its uploader (as CloudBase records the creator of a client upload). */
    put(cloudPath: string, bytes: Buffer, owner?: string): Promise<string>;
    /** The openid that uploaded `cloudPath` from a client; null for unknown files and the cloud's own. */
    ownerOf(cloudPath: string): string | null;
    has(cloudPath: string): boolean;
    tempFileURL(cloudPath: string, maxAge?: number): string;
  };
}

const COOKIE = 'lx_openid';
const MAX_BODY = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const TEMPLATE_ID = /^[\w-]{1,128}$/;
const MAX_UPLOAD = 10 * 1024 * 1024;
const IMAGE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };
/** Besides photos, staff upload roster tables (roster.uploadPath hands out .xlsx/.csv paths) and study PDFs (study.filePath). */
const UPLOAD_TYPES: Record<string, string> = { ...IMAGE_TYPES, 'text/csv': 'csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx', 'application/pdf': 'pdf' };
const FILE_ID = /^cloud:\/\/[^/]+\/(.+)$/;
/** Client uploads land under uploads/ with a name the cloud handed out (case.photoPath): no identity in it. */
const UPLOAD_PATH = /^uploads\/[\w-]{8,64}\.(?:jpg|jpeg|png|gif|webp|xlsx|csv|pdf)$/;
/** Seconds a preview URL of one's own upload stays valid. */
const PREVIEW_SECONDS = 600;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Creates the gateway module; add it to the emulator with `emulator.use(gateway)`. */
export function createGateway(options: GatewayOptions): EmulatorModule {
  const appId = options.appId ?? 'wx-local-lianxin';
  const now = options.now ?? Date.now;
  const maxAgeMs = options.sessionMaxAgeMs ?? 30 * DAY_MS;
  const renewAfterMs = options.sessionRenewAfterMs ?? DAY_MS;
  const sign = (value: string): string => createHmac('sha256', options.secret).update(value).digest('base64url');
  const revoked = loadRevocations(options.revocationsFile ?? null);

  /** A cookie names the openid and when it was issued (base36 ms), signed: `<openid>.<issued>.<signature>`. */
  function session(req: IncomingMessage): { openid: string; issuedAt: number; signature: string } | null {
    const raw = parseCookies(req.headers.cookie)[COOKIE];
    const parts = /^(.+)\.([0-9a-z]{1,12})\.([\w-]{43})$/.exec(raw ?? '');
    if (!parts) return null;
    const [, openid, issued, signature] = parts;
    const given = Buffer.from(signature);
    const expected = Buffer.from(sign(`${openid}.${issued}`));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const issuedAt = parseInt(issued, 36);
    // Expired on the server, whatever the browser still keeps; a signed-out cookie stays refused until it would expire.
    if (!(now() - issuedAt < maxAgeMs) || revoked.has(signature)) return null;
    return { openid, issuedAt, signature };
  }

  function identity(req: IncomingMessage): string | null {
    return session(req)?.openid ?? null;
  }

  function setIdentity(res: ServerResponse, openid: string): void {
    const issued = now().toString(36);
    res.setHeader('set-cookie', `${COOKIE}=${openid}.${issued}.${sign(`${openid}.${issued}`)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}`);
  }

  /** The caller's openid, or null after answering 401: only /api/_wx/login hands out identities. Use renews an old cookie. */
  function callerOpenid(req: IncomingMessage, res: ServerResponse): string | null {
    const known = session(req);
    if (!known) {
      sendJson(res, 401, apiError('AUTH.LOGIN_REQUIRED', '登录状态已失效，请刷新页面后重试'));
      return null;
    }
    if (now() - known.issuedAt > renewAfterMs) setIdentity(res, known.openid);
    return known.openid;
  }

  /** Forgets a cookie for good (sign-out), remembered in the data folder when there is one. */
  function revoke(signature: string): void {
    revoked.set(signature, now() + maxAgeMs);
    for (const [old, until] of revoked) if (until < now()) revoked.delete(old);
    saveRevocations(options.revocationsFile ?? null, revoked);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    try {
      return await answer(req, res, url);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      sendJson(res, error.status, apiError(error.code, error.message));
      return true;
    }
  }

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (path.startsWith('/api/') && req.method === 'POST') {
      const refused = crossSiteRefusal(req);
      if (refused) {
        sendJson(res, 403, apiError('AUTH.CROSS_SITE', refused));
        return true;
      }
    }
    if (path === '/api/_dev/personas' && req.method === 'GET') {
      if (!options.dev) return refuseDev(res);
      sendJson(res, 200, { ok: true, data: { personas: options.personas, current: identity(req) } });
      return true;
    }
    if (path === '/api/_dev/sign-in' && req.method === 'POST') {
      if (!options.dev) return refuseDev(res);
      const body = await readJson(req);
      const persona = options.personas.find((p) => p.key === (body as { persona?: unknown }).persona);
      if (!persona) {
        sendJson(res, 400, apiError('INPUT.INVALID', '没有这个演示身份'));
        return true;
      }
      setIdentity(res, persona.openid);
      sendJson(res, 200, { ok: true, data: { persona: persona.key } });
      return true;
    }
    if (path === '/api/_dev/sign-out' && req.method === 'POST') {
      if (!options.dev) return refuseDev(res);
      const current = session(req);
      if (current) revoke(current.signature);
      res.setHeader('set-cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      sendJson(res, 200, { ok: true, data: {} });
      return true;
    }
    const timer = /^\/api\/_dev\/timers\/([a-z][\w-]*)$/.exec(path);
    if (timer && req.method === 'POST') {
      if (!options.dev || !options.fireTimer) return refuseDev(res);
      const at = (await readJson(req)).at;
      const when = typeof at === 'string' ? new Date(at) : undefined;
      if (when && Number.isNaN(when.getTime())) {
        sendJson(res, 400, apiError('INPUT.INVALID', '时间格式不正确（ISO 8601）'));
        return true;
      }
      try {
        sendJson(res, 200, { ok: true, data: { result: (await options.fireTimer(timer[1], when)) ?? null } });
      } catch (error) {
        sendJson(res, 404, apiError('ACTION.UNKNOWN', error instanceof Error ? error.message : String(error)));
      }
      return true;
    }
    if (path === '/api/_wx/login' && (req.method === 'POST' || req.method === 'GET')) {
      // A first visit gets a fresh anonymous openid, as WeChat gives every user one; a known browser keeps its own.
      const fresh = identity(req) === null;
      if (fresh) setIdentity(res, `o_local_${randomBytes(9).toString('base64url')}`);
      sendJson(res, 200, { ok: true, data: { fresh } });
      return true;
    }
    if (path === '/api/_wx/subscribe' && req.method === 'POST') {
      const openid = callerOpenid(req, res);
      if (!openid) return true;
      const accepted = (await readJson(req)).accepted;
      if (!Array.isArray(accepted) || accepted.length > 3 || !accepted.every((id) => typeof id === 'string' && TEMPLATE_ID.test(id))) {
        sendJson(res, 400, apiError('INPUT.INVALID', '订阅模板参数不正确（一次最多 3 个）'));
        return true;
      }
      await options.grantCredits(openid, accepted as string[]);
      sendJson(res, 200, { ok: true, data: { accepted } });
      return true;
    }
    if (path === '/api/_wx/upload' && req.method === 'POST') {
      if (!options.storage) return false;
      const openid = callerOpenid(req, res);
      if (!openid) return true;
      if (!UPLOAD_TYPES[(req.headers['content-type'] ?? '').split(';')[0].trim()]) {
        sendJson(res, 415, apiError('INPUT.INVALID', '只能上传 JPG、PNG、GIF 或 WebP 图片'));
        return true;
      }
      // Like wx.cloud.uploadFile: the client names the cloudPath, here one the cloud handed out; nothing is overwritten.
      const cloudPath = url.searchParams.get('cloudPath') ?? '';
      if (!UPLOAD_PATH.test(cloudPath) || options.storage.has(cloudPath)) {
        sendJson(res, 400, apiError('INPUT.INVALID', '图片存放位置不正确，请重新选择图片'));
        return true;
      }
      let bytes: Buffer;
      try {
        bytes = await readLimited(req, MAX_UPLOAD);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        sendJson(res, 413, apiError('INPUT.INVALID', '图片不能超过 10 MB'));
        return true;
      }
      const fileID = await options.storage.put(cloudPath, bytes, openid);
      sendJson(res, 200, { ok: true, data: { fileID } });
      return true;
    }
    if (path === '/api/_wx/temp-urls' && req.method === 'POST') {
      if (!options.storage) return false;
      const storage = options.storage;
      const openid = callerOpenid(req, res);
      if (!openid) return true;
      const fileIDs = (await readJson(req)).fileIDs;
      if (!Array.isArray(fileIDs) || fileIDs.length > 50 || !fileIDs.every((id) => typeof id === 'string' && FILE_ID.test(id))) {
        sendJson(res, 400, apiError('INPUT.INVALID', '文件编号不正确（一次最多 50 个）'));
        return true;
      }
      // Only the caller's own uploads that still exist: anyone else's file, a deleted one or none gets no URL, alike,
      // so nothing tells them apart.
      const urls = (fileIDs as string[]).map((fileID) => {
        const cloudPath = (FILE_ID.exec(fileID) as RegExpExecArray)[1];
        const mine = storage.ownerOf(cloudPath) === openid && storage.has(cloudPath);
        return { fileID, tempFileURL: mine ? storage.tempFileURL(cloudPath, PREVIEW_SECONDS) : '' };
      });
      sendJson(res, 200, { ok: true, data: { fileList: urls } });
      return true;
    }
    const call = /^\/api\/([a-z][\w-]*)$/.exec(path);
    if (call && req.method === 'POST') {
      const name = call[1];
      if (!options.functions.includes(name)) {
        sendJson(res, 404, apiError('ACTION.UNKNOWN', `没有这个云函数: ${name}`));
        return true;
      }
      // Who first: an anonymous caller's body is never read.
      const openid = callerOpenid(req, res);
      if (!openid) return true;
      const event = await readJson(req);
      try {
        const result = await options.invoke(name, event, {
          OPENID: openid,
          APPID: appId,
          UNIONID: '',
          CLIENTIP: req.socket.remoteAddress ?? '',
          source: 'wx_client',
        });
        sendJson(res, 200, result);
      } catch (error) {
        // What Taro.cloud.callFunction rejects with on weapp (timeout, crash): the transport turns it into an ApiError.
        const { errCode, errMsg } = error as { errCode?: number; errMsg?: string };
        sendJson(res, 502, { ok: false, error: { code: 'CLOUD.CALL_FAILED', message: '服务暂时不可用，请稍后再试', details: { errCode, errMsg } } });
      }
      return true;
    }
    if (path.startsWith('/api/')) {
      sendJson(res, 404, apiError('ACTION.UNKNOWN', `没有这个接口: ${req.method} ${path}`));
      return true;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && options.staticDir) return serveStatic(options.staticDir, path, res);
    return false;
  }

  return { handlers: {}, route };
}

function refuseDev(res: ServerResponse): true {
  sendJson(res, 403, apiError('AUTH.DEV_ONLY', '演示身份登录只在本地开发模式可用'));
  return true;
}

function apiError(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

/** Every answer is JSON; a refusal (4xx/5xx) also closes the connection, so a body left unread cannot hang it. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' };
  if (status >= 400) {
    headers.connection = 'close';
    res.shouldKeepAlive = false;
  }
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * A POST a web page elsewhere could have sent: a named Origin that is not this host (a cross-site form, a fetch from
 * another site, a DNS-rebound page keeps its own name in Host — so does its Origin, and then Host is not ours either).
 */
function crossSiteRefusal(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return '请求来源无效';
  }
  return originHost === req.headers.host ? null : '不接受来自其他网站的请求';
}

/** A JSON object body (application/json only: a browser sends text/plain cross-site without asking), at most MAX_BODY. */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  const text = (await readLimited(req, MAX_BODY)).toString('utf8');
  if (text === '' && type === '') return {};
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, 'INPUT.INVALID', '请求内容必须是 application/json');
  return parseJsonObject(text);
}

function loadRevocations(file: string | null): Map<string, number> {
  if (!file || !existsSync(file)) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>));
  } catch {
    return new Map();
  }
}

function saveRevocations(file: string | null, revoked: Map<string, number>): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(revoked)), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** Static files of the H5 build; unknown paths get index.html (Taro H5 uses hash routing, so this is only / in practice). */
function serveStatic(root: string, pathname: string, res: ServerResponse): boolean {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendJson(res, 400, apiError('INPUT.INVALID', '地址无效'));
    return true;
  }
  let file = normalize(join(base, decoded));
  if (file !== base && !file.startsWith(base + sep)) return false;
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html');
  if (!existsSync(file)) return false;
  const body = readFileSync(file);
  const hashed = /\.[0-9a-f]{8}\./.test(file);
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(body);
  return true;
}
