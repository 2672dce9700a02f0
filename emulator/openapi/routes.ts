/**
 * Plain HTTP routes for tests, tools and the local UI: read the outbox and the mini-program codes drawn, and grant
 * subscription credits the way the client's requestSubscribeMessage 'accept' does (the gateway decides whose openid).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenApiModule } from './index';

/**
 * Serves GET /_emulator/outbox, GET /_emulator/wxacodes, POST /_emulator/subscribe and GET/POST /_emulator/send-faults
 * (subscribeMessage.send latency and injected errors); false for any other request.
 */
export async function openApiRoutes(openapi: OpenApiModule, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname === '/_emulator/wxacodes' && req.method === 'GET') {
    sendJson(res, 200, { wxacodes: openapi.wxacodes() });
    return true;
  }
  if (url.pathname === '/_emulator/outbox' && req.method === 'GET') {
    const filter = { openid: url.searchParams.get('openid') ?? undefined, templateId: url.searchParams.get('templateId') ?? undefined };
    sendJson(res, 200, { outbox: openapi.outbox(filter) });
    return true;
  }
  if (url.pathname === '/_emulator/send-faults' && (req.method === 'GET' || req.method === 'POST')) {
    if (req.method === 'GET') {
      sendJson(res, 200, openapi.configureSend({}));
      return true;
    }
    const body = (await readJson(req)) ?? {};
    try {
      const { script, ...settings } = body as { script?: unknown; latencyMs?: number; shares?: Record<string, number>; seed?: number };
      const answer = openapi.configureSend(settings);
      if (Array.isArray(script)) openapi.scriptSendErrors(script as Array<{ openid?: string; errcode: number }>);
      sendJson(res, 200, answer);
    } catch (error) {
      sendJson(res, 400, { message: (error as Error).message });
    }
    return true;
  }
  if (url.pathname === '/_emulator/subscribe' && req.method === 'POST') {
    const body = await readJson(req);
    const openid = body?.openid;
    const accepted = body?.accepted;
    if (typeof openid !== 'string' || !openid || !Array.isArray(accepted) || !accepted.every((id): id is string => typeof id === 'string' && id !== '')) {
      sendJson(res, 400, { message: 'body must be {"openid": string, "accepted": [templateId, ...]}' });
      return true;
    }
    await openapi.grantCredits(openid, accepted);
    sendJson(res, 200, { openid, credits: openapi.credits(openid) });
    return true;
  }
  return false;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : null;
  } catch {
    return null;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
