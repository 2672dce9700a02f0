/**
 * Raw /admin calls for protocol tests, signed exactly as wx-server-sdk signs them (TC3-HMAC-SHA256 with the
 * emulator's per-run TENCENTCLOUD_SECRETID/SECRETKEY): the emulator refuses unsigned calls.
 */
import { sign } from '@cloudbase/signature-nodejs';
import { credentialsFor, type SdkCredentials } from '../../emulator/sdk-environment';

/** POSTs `body` (JSON text or an object) to `adminUrl`, signed over `params` (the object the SDK would have signed). */
export function postSignedAdmin(adminUrl: string, body: Record<string, unknown> | string, credentials: SdkCredentials | undefined = credentialsFor(adminUrl)): Promise<Response> {
  if (!credentials) throw new Error(`no credentials known for ${adminUrl}`);
  const url = `${adminUrl}?env=lianxin-local`;
  const timestamp = Math.floor(Date.now() / 1000) - 1;
  const headers = { 'content-type': 'application/json', host: new URL(adminUrl).host };
  const params = typeof body === 'string' ? {} : body;
  const { authorization } = sign({ ...credentials, method: 'post', url, headers, params, timestamp, withSignedParams: true });
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': headers['content-type'], authorization, 'x-timestamp': String(timestamp) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
