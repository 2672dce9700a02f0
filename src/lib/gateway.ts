/**
 * The local gateway's own endpoints (h5 only): persona sign-in and WeChat's part of subscriptions. They are not cloud
 * actions, so they do not go through src/services; this is the only fetch outside it. The weapp build takes
 * gateway.weapp.ts instead (Taro resolves `<name>.<platform>.ts` first), so no fetch ships in the mini-program.
 */
import { browserFetch, fetchWithIdentity } from '../services/channel-http';
import { GatewayError } from './gateway-error';

export { GatewayError };

export interface GatewayOptions {
  /** '' in the browser (same origin); the gateway URL in node tests. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Sends one request to the gateway with the identity cookie and resolves the envelope's data. */
export async function gatewayRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown, options: GatewayOptions = {}): Promise<T> {
  const fetchImpl = options.fetchImpl ?? browserFetch;
  const baseUrl = options.baseUrl ?? '';
  const init: RequestInit = {
    method,
    credentials: 'include',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  let response: Response;
  try {
    // WeChat's part (/api/_wx/…) acts for the signed-in user: settle the identity first, as every cloud call does.
    response = path.startsWith('/api/_wx/')
      ? await fetchWithIdentity(`${baseUrl}${path}`, init, baseUrl, fetchImpl)
      : await fetchImpl(`${baseUrl}${path}`, init);
  } catch {
    throw new GatewayError('网络连接失败，请检查网络后重试', 0, 'NETWORK.FAILED');
  }
  let reply: Reply<T>;
  try {
    reply = (await response.json()) as Reply<T>;
  } catch {
    throw new GatewayError(`本地服务返回了无法识别的结果（HTTP ${response.status}）`, response.status, 'INTERNAL');
  }
  if (!reply.ok) throw new GatewayError(reply.error.message, response.status, reply.error.code);
  return reply.data;
}
