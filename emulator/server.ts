/**
 * The local WeChat cloud: one HTTP server answering the /admin protocol of wx-server-sdk,
 * composed of the database, open API, storage and function-runner modules.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import { AdminError, InvocationRegistry, RawReply, TopLevelReply, type AdminCall, type AdminHandler, type EmulatorModule } from './protocol';
import { createDatabase, type DatabaseModule, type DatabaseOptions } from './db';
import { createOpenApi, type OpenApiModule, type OpenApiOptions } from './openapi';
import { createStorage, type StorageModule } from './storage';
import { DEFAULT_ENV_ID } from './defaults';
import { createFunctionRunner, type FunctionRunner, type RunnerOptions } from './runner';
import { adminRefusal, toolRefusal } from './admin-auth';
import { newCredentials, rememberCredentials, type SdkCredentials } from './sdk-environment';
import { BodyError, readLimited, sendRefusal } from './http-limits';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Folder for durable data; null keeps everything in memory (tests). */
  dataDir?: string | null;
  /** The cloud environment id functions are told they run in. */
  envId?: string;
  database?: Omit<DatabaseOptions, 'dataDir' | 'log'>;
  openapi?: Omit<OpenApiOptions, 'dataDir' | 'log'>;
  /** Where deployable function folders live (<root>/<name>/index.js + config.json); null: no runner. */
  functions?: Omit<RunnerOptions, 'registry' | 'adminUrl' | 'envId' | 'log' | 'credentials'> | null;
  /** The key pair SDK programs must sign /admin calls with; fresh per run unless given. */
  credentials?: SdkCredentials;
  /** Milliseconds a client may take to send its headers / whole request before the socket is cut (defaults 10 s / 30 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface Emulator {
  /** http://host:port — also serves storage files and, later, the H5 gateway. */
  url: string;
  /** The URL wx-server-sdk is pointed at (TCB_CONTEXT_CNFG={"URL": adminUrl}). */
  adminUrl: string;
  /** This run's TENCENTCLOUD_SECRETID/SECRETKEY: /admin accepts only calls signed with them. */
  credentials: SdkCredentials;
  /** Headers for the /_emulator/* tool routes (Authorization: Bearer <secretKey>). */
  toolHeaders(): Record<string, string>;
  port: number;
  envId: string;
  registry: InvocationRegistry;
  db: DatabaseModule;
  openapi: OpenApiModule;
  storage: StorageModule;
  runner: FunctionRunner | null;
  /** /admin calls answered since start, by action (database.queryDocument, wx.openApi, ...): round trips for the bench. */
  adminCalls(): Record<string, number>;
  /** Extra plain-HTTP routes (the gateway adds itself here). */
  use(module: EmulatorModule): void;
  close(): Promise<void>;
}

export { DEFAULT_ENV_ID };

/** Capped by the kernel's somaxconn (4096 on current Linux). */
const LISTEN_BACKLOG = 4096;
/** SDK bodies are small (a query, a batch of documents); wx.openApi sends a few KB. Files go to /_cos, not here. */
export const MAX_ADMIN_BODY = 5 * 1024 * 1024;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.log ?? (() => undefined);
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ?? null;
  const credentials = options.credentials ?? newCredentials();
  const registry = new InvocationRegistry();
  let baseUrl = '';

  const db = await createDatabase({ ...options.database, dataDir, log });
  const openapi = await createOpenApi({ ...options.openapi, dataDir, log });
  const storage = await createStorage({ dataDir, publicUrl: () => baseUrl, envId, log });
  const modules: EmulatorModule[] = [db, openapi, storage];

  const handlers = new Map<string, AdminHandler>();
  const calls = new Map<string, number>();
  const register = (module: EmulatorModule): void => {
    for (const [action, handler] of Object.entries(module.handlers)) handlers.set(action, handler);
  };
  modules.forEach(register);

  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node checks those deadlines only every connectionsCheckingInterval (default 30 s): check often enough to cut a
  // slow-body client within a fraction of its deadline.
  const connectionsCheckingInterval = Math.max(50, Math.min(1_000, Math.floor(Math.min(headersTimeout, requestTimeout) / 4)));
  const server = createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyError) return sendRefusal(res, error.status, { code: error.code, message: error.message });
      log(`[emulator] ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendRefusal(res, 500, { code: 'SYS_ERR', message: '本地云内部错误（详情见本地云日志）' });
      else res.destroy();
    });
  });
  // The SDK keeps connections alive outside SCF; do not let idle sockets hold close() up.
  server.keepAliveTimeout = 5_000;

  /** Privileged routes (/admin, /_emulator/*): never from a browser page — no Origin, a loopback (or our own) Host. */
  function browserRefusal(req: IncomingMessage): string | null {
    if (req.headers.origin !== undefined) return '本地云管理接口不接受来自网页的请求';
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (![...LOOPBACK_NAMES, host].includes(hostName)) return `Host ${req.headers.host ?? '(无)'} 不是本机地址`;
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', baseUrl || 'http://localhost');
    } catch {
      return sendRefusal(res, 400, { code: 'INVALID_PARAM', message: '请求地址无效' });
    }
    if (url.pathname === '/admin' && req.method === 'POST') return handleAdmin(req, res);
    if (url.pathname.startsWith('/_emulator/')) {
      const refused = browserRefusal(req) ?? toolRefusal(req, credentials);
      if (refused) return sendRefusal(res, 401, { code: 'PERMISSION_DENIED', message: refused });
      if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return sendRefusal(res, 415, { code: 'INVALID_PARAM', message: '只接受 application/json 请求体' });
      }
    }
    for (const module of modules) {
      if (module.route && (await module.route(req, res, url))) return;
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `本地云没有这个地址: ${req.method} ${url.pathname}` });
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const refused = browserRefusal(req);
    if (refused) return sendRefusal(res, 403, { requestId, code: 'PERMISSION_DENIED', message: refused });
    let call: AdminCall;
    try {
      const { params, files } = await readAdminBody(req);
      // The signature covers the fields (and files) exactly as the SDK sent them.
      const unsigned = adminRefusal(req, { ...params, ...files }, credentials);
      // HTTP 200 like every /admin answer: the SDK shows `message` only from a 200 (a 401 becomes "resource system error").
      if (unsigned) return sendRefusal(res, 200, { requestId, code: 'PERMISSION_DENIED', message: unsigned });
      call = {
        action: String(params.action ?? ''),
        params,
        files,
        caller: registry.resolve(params.wxCloudApiToken),
        requestId,
      };
    } catch (error) {
      if (error instanceof BodyError) return sendRefusal(res, error.status, { requestId, code: error.code, message: error.message });
      return sendRefusal(res, 400, { requestId, code: 'INVALID_PARAM', message: `请求体无法解析: ${(error as Error).message}` });
    }
    const handler = handlers.get(call.action);
    calls.set(call.action, (calls.get(call.action) ?? 0) + 1);
    if (!handler) {
      return sendJson(res, 200, {
        requestId,
        code: 'EMULATOR_ACTION_NOT_IMPLEMENTED',
        message: `本地云未实现该操作 (action not implemented by the Lianxin emulator): ${call.action || '(empty action)'}`,
      });
    }
    try {
      const result = await handler(call);
      if (result instanceof RawReply) {
        res.writeHead(200, { 'content-type': result.contentType, 'content-length': result.body.length });
        res.end(result.body);
        return;
      }
      if (result instanceof TopLevelReply) return sendJson(res, 200, { ...result.fields, requestId });
      sendJson(res, 200, { requestId, data: result ?? {} });
    } catch (error) {
      if (error instanceof AdminError) return sendJson(res, 200, { requestId, code: error.code, message: error.message });
      log(`[emulator] ${call.action} crashed: ${(error as Error).stack ?? String(error)}`);
      sendJson(res, 200, { requestId, code: 'SYS_ERR', message: `${call.action}: ${(error as Error).message ?? String(error)}` });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A burst of concurrent SDK calls opens one connection each (inside SCF the SDK does not keep connections alive):
    // Node's default backlog of 511 drops the SYNs beyond it and the client only retries them a second later.
    server.listen({ port: options.port ?? 0, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;
  const adminUrl = `${baseUrl}/admin`;
  rememberCredentials(adminUrl, credentials);

  const runner = options.functions
    ? await createFunctionRunner({ ...options.functions, registry, adminUrl, envId, log, credentials })
    : null;
  if (runner) {
    modules.push(runner);
    register(runner);
  }

  let closed = false;
  return {
    url: baseUrl,
    adminUrl,
    credentials,
    toolHeaders: () => ({ authorization: `Bearer ${credentials.secretKey}` }),
    port,
    envId,
    registry,
    db,
    openapi,
    storage,
    runner,
    adminCalls: () => Object.fromEntries(calls),
    use(module) {
      // After the built-in modules: a module with a catch-all route (the gateway's static files) must not shadow
      // /_storage, /_emulator and the upload route.
      modules.push(module);
      register(module);
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const module of [...modules].reverse()) await module.close?.();
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * JSON bodies for database/functions/storage; multipart form data for wx.openApi. Nothing else: a browser can send
 * text/plain cross-site without asking, never application/json. At most MAX_ADMIN_BODY bytes are read.
 */
async function readAdminBody(req: IncomingMessage): Promise<{ params: Record<string, unknown>; files: Record<string, Buffer> }> {
  const type = req.headers['content-type'] ?? '';
  if (Number(req.headers['content-length'] ?? 0) > MAX_ADMIN_BODY) throw new BodyError(413, 'INVALID_PARAM', `请求体超过 ${MAX_ADMIN_BODY / 1024 / 1024} MB`);
  if (type.startsWith('multipart/form-data')) {
    return new Promise((resolve, reject) => {
      const params: Record<string, unknown> = {};
      const files: Record<string, Buffer> = {};
      const parser = busboy({ headers: req.headers, limits: { fileSize: MAX_ADMIN_BODY, fieldSize: MAX_ADMIN_BODY } });
      parser.on('field', (name, value) => {
        params[name] = value;
      });
      parser.on('file', (name, stream) => {
        stream.on('limit', () => reject(new BodyError(413, 'INVALID_PARAM', `请求体超过 ${MAX_ADMIN_BODY / 1024 / 1024} MB`)));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          files[name] = Buffer.concat(chunks);
        });
      });
      parser.on('close', () => resolve({ params, files }));
      parser.on('error', reject);
      req.pipe(parser);
    });
  }
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, 'INVALID_PARAM', '只接受 application/json 或 multipart/form-data 请求体');
  const text = (await readLimited(req, MAX_ADMIN_BODY)).toString('utf8');
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('body is not a JSON object');
  return { params: parsed as Record<string, unknown>, files: {} };
}
