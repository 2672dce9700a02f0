/**
 * Bounded request bodies for every route of the local cloud: a body is read only up to a limit, a refusal closes the
 * connection (Connection: close) instead of leaving a half-read body on a kept-alive socket, and every refusal is a
 * JSON answer — never a bare 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request refused for its body (too large, wrong type, malformed): answered with `status` and closed. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** The body, read to at most `max` bytes: a larger declared length is refused before reading, a longer body as soon as it passes `max`. */
export async function readLimited(req: IncomingMessage, max: number): Promise<Buffer> {
  const tooLarge = (): BodyError => new BodyError(413, 'INPUT.TOO_LARGE', `请求体不能超过 ${formatBytes(max)}`);
  if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > max) throw tooLarge();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * Answers a refusal as JSON and closes the connection once it is written: the rest of an unread body never reaches
 * the next request, and the client sees the answer, then the end of the connection — not a hang and a reset.
 */
export function sendRefusal(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.shouldKeepAlive = false;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close', 'cache-control': 'no-store' });
  res.end(text);
}

/** Nesting deeper than this is refused: no contract nests more than a few levels, and deep input breaks recursion. */
export const MAX_JSON_DEPTH = 64;

/** Parses a JSON body; malformed, not an object, or nested deeper than MAX_JSON_DEPTH → BodyError 400 (a structured answer). */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new BodyError(400, 'INPUT.INVALID', `请求内容嵌套超过 ${MAX_JSON_DEPTH} 层`);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    throw new BodyError(400, 'INPUT.INVALID', '请求内容不是有效的 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BodyError(400, 'INPUT.INVALID', '请求内容必须是一个 JSON 对象');
  return parsed as Record<string, unknown>;
}

/** Deepest bracket nesting outside strings (a linear scan, before JSON.parse builds anything). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92) i += 1; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) deepest = Math.max(deepest, ++depth);
    else if (char === 125 || char === 93) depth -= 1;
  }
  return deepest;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`;
}
