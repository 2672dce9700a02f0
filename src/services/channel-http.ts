/**
 * H5 channel: POST /api/<function> on the local gateway, which runs the function with the caller's WeChat context
 * (its openid comes from the gateway's signed cookie, never from what we send). The reply body is the envelope;
 * gateway refusals (unknown function, bad JSON) come as envelopes too.
 *
 * Identity first, as wx.login on weapp: the browser settles its identity with one POST /api/_wx/login before its first
 * request (single flight, however many requests start at once), so concurrent first requests share one identity and a
 * retried write carries the identity the first attempt had. The gateway refuses requests without it (401).
 */
import type { Channel } from './transport';

/** The browser's own fetch (one identity per fetch: node tests give each simulated browser its own). */
export const browserFetch: typeof fetch = (...args) => fetch(...args);

const identities = /* @__PURE__ */ new WeakMap<typeof fetch, Promise<void>>();

/** Settles this browser's identity once (POST /api/_wx/login); concurrent callers share the one request. */
export function settleIdentity(baseUrl = '', fetchImpl: typeof fetch = browserFetch): Promise<void> {
  const known = identities.get(fetchImpl);
  if (known) return known;
  const settling = login(baseUrl, fetchImpl);
  identities.set(fetchImpl, settling);
  // A failed login is not remembered: the next request tries again.
  settling.catch(() => identities.get(fetchImpl) === settling && identities.delete(fetchImpl));
  return settling;
}

async function login(baseUrl: string, fetchImpl: typeof fetch): Promise<void> {
  const response = await fetchImpl(`${baseUrl}/api/_wx/login`, { method: 'POST', credentials: 'include' });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
}

/**
 * A gateway request made with this browser's identity: settled first; when the gateway no longer knows it (401: the
 * cookie was cleared, e.g. by a demo sign-out) it is settled again and the request sent once more — the gateway
 * refused the first before running anything, so repeating it is safe.
 */
export async function fetchWithIdentity(url: string, init: RequestInit, baseUrl = '', fetchImpl: typeof fetch = browserFetch): Promise<Response> {
  await settleIdentity(baseUrl, fetchImpl);
  const first = await fetchImpl(url, { ...init, credentials: 'include' });
  if (first.status !== 401) return first;
  if (identities.has(fetchImpl)) identities.delete(fetchImpl);
  await settleIdentity(baseUrl, fetchImpl);
  return fetchImpl(url, { ...init, credentials: 'include' });
}

/** An HTTP channel; `baseUrl` is '' in the browser (same origin) and the gateway URL in node tests. */
export function httpChannel(baseUrl = '', fetchImpl: typeof fetch = browserFetch): Channel {
  return async (fn, data) => {
    const response = await fetchWithIdentity(
      `${baseUrl}/api/${fn}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) },
      baseUrl,
      fetchImpl,
    );
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
  };
}
