/**
 * H5 channel: POST /api/<function> on the local gateway, which runs the function with the caller's WeChat context
 * (its openid comes from the gateway's signed cookie, never from what we send). The reply body is the envelope;
 * gateway refusals (unknown function, bad JSON) come as envelopes too.
 */
import type { Channel } from './transport';

/** An HTTP channel; `baseUrl` is '' in the browser (same origin) and the gateway URL in node tests. */
export function httpChannel(baseUrl = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): Channel {
  return async (fn, data) => {
    const response = await fetchImpl(`${baseUrl}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'include',
      body: JSON.stringify(data),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
  };
}
