/**
 * Who may speak the raw /admin protocol and use /_emulator/*: only programs holding this run's credentials.
 *
 * /admin can do anything to the data (make someone district admin, read every phone number), so it must refuse what a
 * browser can send. Every call wx-server-sdk makes is signed (TC3-HMAC-SHA256, by @cloudbase/signature-nodejs) with
 * TENCENTCLOUD_SECRETID/SECRETKEY; the emulator makes a fresh pair per run, hands it to the functions it runs, the seed
 * and the tests (sdk-environment.ts), and `npm run emulator` prints it. A request is accepted when its Authorization
 * is exactly what that library computes with our key over the same method, URL, signed headers and body — a web page
 * knows no key (and cannot even send the header cross-origin without a preflight nobody answers).
 * The /_emulator/* tool routes take the same secret key as a bearer token: `Authorization: Bearer <SECRETKEY>`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { sign } from '@cloudbase/signature-nodejs';
import type { SdkCredentials } from './sdk-environment';

/** A signature older or newer than this is refused (the SDK says its signatures expire after 600 s). */
const MAX_SKEW_SECONDS = 600;

/** Null when `req` carries a valid SDK signature over `params` (the parsed body); otherwise why not. */
export function adminRefusal(req: IncomingMessage, params: Record<string, unknown>, credentials: SdkCredentials, now = Date.now()): string | null {
  const authorization = req.headers.authorization ?? '';
  const parsed = /^TC3-HMAC-SHA256 Credential=([^/]+)\/[^,]+,(?: SignedParams=[^,]*,)? SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(authorization);
  if (!parsed) return '缺少 wx-server-sdk 的签名（Authorization）：请用 npm run emulator 打印的 TENCENTCLOUD_SECRETID/SECRETKEY';
  if (parsed[1] !== credentials.secretId) return 'TENCENTCLOUD_SECRETID 不是本次运行的密钥';
  const timestamp = Number(req.headers['x-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > MAX_SKEW_SECONDS) return '签名时间无效或已过期';
  const headers: Record<string, string> = {};
  for (const name of parsed[2].split(';')) {
    const value = req.headers[name];
    if (typeof value !== 'string') return `签名的请求头 ${name} 不在请求里`;
    headers[name] = value;
  }
  const expected = sign({
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    method: 'post',
    url: `http://${req.headers.host ?? ''}${req.url ?? ''}`,
    headers,
    params,
    timestamp,
    withSignedParams: true,
  }).authorization;
  return same(expected, authorization) ? null : '签名不对：TENCENTCLOUD_SECRETKEY 不是本次运行的密钥，或请求在途中被改动';
}

/** Null when `req` carries `Authorization: Bearer <secretKey>` of this run. */
export function toolRefusal(req: IncomingMessage, credentials: SdkCredentials): string | null {
  const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  return same(given, credentials.secretKey) ? null : '本地云工具接口需要 Authorization: Bearer <TENCENTCLOUD_SECRETKEY>（npm run emulator / npm start 打印）';
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
