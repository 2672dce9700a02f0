/**
 * The storage module's plain HTTP side: the upload endpoint standing in for COS (PUT, answering COS's empty body or
 * XML error), and the temporary-URL file server (GET/HEAD /_storage/<cloudPath>?sign=&t=).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cloudPathProblem } from './paths';
import type { Signer } from './sign';
import type { ObjectStore } from './store';

/** An upload granted by storage.getUploadMetadata and not yet used. */
export interface PendingUpload {
  cloudPath: string;
  token: string;
  authorization: string;
  expiresAt: number;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  store: ObjectStore;
  signer: Signer;
  pending: Map<string, PendingUpload>;
  save: (cloudPath: string, bytes: Buffer) => Promise<void>;
}

/** Largest upload the emulator keeps (everything passes through memory). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Serves the upload and download routes; false for any other request. */
export async function storageRoutes(context: RouteContext): Promise<boolean> {
  const { req, url } = context;
  const upload = /^\/_cos\/upload\/([0-9a-f]+)$/.exec(url.pathname);
  if (upload && req.method === 'PUT') {
    await receiveUpload(context, upload[1]);
    return true;
  }
  if (url.pathname.startsWith('/_storage/') && (req.method === 'GET' || req.method === 'HEAD')) {
    await serveFile(context);
    return true;
  }
  return false;
}

async function receiveUpload({ req, res, pending, save }: RouteContext, id: string): Promise<void> {
  // Who may upload is decided from the headers alone: a request without a valid grant is refused before one byte of
  // its body is read, and the connection closed (cosError), so nobody can make the emulator swallow megabytes.
  const grant = pending.get(id);
  if (!grant || grant.expiresAt < Date.now()) return cosError(res, 403, 'AccessDenied', 'Upload grant is unknown or has expired', id);
  if (req.headers.authorization !== grant.authorization || req.headers['x-cos-security-token'] !== grant.token) {
    return cosError(res, 403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid', grant.cloudPath);
  }
  const problem = cloudPathProblem(grant.cloudPath);
  if (problem) return cosError(res, 400, 'InvalidObjectName', problem, grant.cloudPath);
  if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) return cosError(res, 400, 'EntityTooLarge', `本地云最多接收 ${MAX_UPLOAD_BYTES} 字节`, grant.cloudPath);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > MAX_UPLOAD_BYTES) return cosError(res, 400, 'EntityTooLarge', `本地云最多接收 ${MAX_UPLOAD_BYTES} 字节`, grant.cloudPath);
    chunks.push(bytes);
  }
  pending.delete(id);
  await save(grant.cloudPath, Buffer.concat(chunks));
  // COS answers a successful PUT with an empty body, which the SDK takes as success.
  res.writeHead(200, { 'content-length': 0 });
  res.end();
}

async function serveFile({ req, res, url, store, signer }: RouteContext): Promise<void> {
  const cloudPath = decodePath(url.pathname.slice('/_storage/'.length));
  const sign = url.searchParams.get('sign') ?? '';
  const expires = Number(url.searchParams.get('t'));
  if (!sign || !Number.isInteger(expires)) return cosError(res, 403, 'AccessDenied', 'Request has no valid sign and t', cloudPath);
  if (expires * 1000 < Date.now()) return cosError(res, 403, 'AccessDenied', 'Request has expired', cloudPath);
  if (!signer.verify(sign, cloudPath, String(expires))) return cosError(res, 403, 'SignatureDoesNotMatch', 'The sign does not match this file', cloudPath);
  const file = store.stat(cloudPath);
  const bytes = file ? await store.read(cloudPath) : null;
  if (!file || !bytes) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath);
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': bytes.length,
    'last-modified': new Date(file.uploadedAt).toUTCString(),
    'cache-control': `private, max-age=${Math.max(0, expires - Math.floor(Date.now() / 1000))}`,
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** The cloud path a URL names: decoded once; a path whose raw form is not valid percent-encoding is taken as is. */
function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** COS's XML error; the SDK reads Code, Message, RequestId and TraceId from it. */
function cosError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const escape = (text: string): string => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
  const requestId = randomBytes(12).toString('base64');
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${escape(message)}</Message>\n` +
    `<Resource>${escape(resource)}</Resource>\n<RequestId>${requestId}</RequestId>\n<TraceId>${randomBytes(24).toString('base64')}</TraceId>\n</Error>`;
  // A refusal may leave a body unread: close the connection rather than keep it alive with bytes still coming.
  res.shouldKeepAlive = false;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml), connection: 'close' });
  res.end(xml);
}
