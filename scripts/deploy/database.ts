/**
 * Applies the collection manifests to a WeChat cloud environment. miniprogram-ci has no database API, so this calls:
 * - WeChat's server API (api.weixin.qq.com): `cgi-bin/stable_token` for an access_token (AppID + AppSecret), then per
 *   collection `tcb/databasecollectionadd` and `tcb/updateindex` (one index per call; "already exists" counts as done,
 *   so a second run changes nothing — a changed index needs a new name);
 * - Tencent Cloud API 3.0 (tcb.tencentcloudapi.com, TC3-HMAC-SHA256): `ModifyDatabaseACL` with AclTag `ADMINONLY` for
 *   each collection whose manifest rule is {"read": false, "write": false} (仅管理端可读写: the mini-program cannot read
 *   or write it; cloud functions, as admin, can).
 */
import { createHash, createHmac } from 'node:crypto';
import { isClosedRule } from '../../emulator/db/indexes';
import type { DeployConfig, DeployPlan } from './plan';

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** POSTs JSON and answers the parsed reply (injected in tests: WeChat cannot be reached from here). */
export type HttpPost = (request: HttpRequest) => Promise<unknown>;

export const postJson: HttpPost = async ({ url, headers, body }) => {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${url} 答复不是 JSON（HTTP ${response.status}）: ${text.slice(0, 200)}`);
  }
};

const WECHAT = 'https://api.weixin.qq.com';
const TCB_HOST = 'tcb.tencentcloudapi.com';

/** Creates every collection, its indexes and its rule; throws on the first call the cloud refuses. */
export async function applyDatabase(plan: DeployPlan, config: DeployConfig, post: HttpPost, log: (line: string) => void): Promise<void> {
  const token = await accessToken(config, post);
  for (const collection of plan.collections) {
    const created = await wechat(post, `/tcb/databasecollectionadd?access_token=${token}`, { env: config.envId, collection_name: collection.name });
    log(`collection ${collection.name}: ${created ? '已创建' : '已存在'}`);
    for (const index of collection.indexes) {
      const added = await wechat(post, `/tcb/updateindex?access_token=${token}`, {
        env: config.envId,
        collection_name: collection.name,
        create_indexes: [
          { name: index.name, unique: index.unique, keys: index.fields.map((field, i) => ({ name: field, direction: String(index.directions[i]) })) },
        ],
        drop_indexes: [],
      });
      log(`index ${collection.name}.${index.name}: ${added ? '已创建' : '已存在'}`);
    }
    if (!isClosedRule(collection.rules)) throw new Error(`集合 ${collection.name} 的安全规则不是关闭的，拒绝部署`);
    await tencentCloud(post, config, 'ModifyDatabaseACL', { EnvId: config.envId, CollectionName: collection.name, AclTag: 'ADMINONLY' });
    log(`rule ${collection.name}: ADMINONLY（仅云函数可读写）`);
  }
}

async function accessToken(config: DeployConfig, post: HttpPost): Promise<string> {
  const reply = (await post({
    url: `${WECHAT}/cgi-bin/stable_token`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret }),
  })) as { access_token?: string; errcode?: number; errmsg?: string };
  if (!reply.access_token) throw new Error(`取 access_token 失败: ${reply.errcode ?? ''} ${reply.errmsg ?? JSON.stringify(reply)}`);
  return reply.access_token;
}

/** True when done now, false when it already existed; throws on any other error. */
async function wechat(post: HttpPost, path: string, body: unknown): Promise<boolean> {
  const reply = (await post({ url: `${WECHAT}${path}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })) as {
    errcode?: number;
    errmsg?: string;
  };
  if (!reply.errcode) return true;
  if (/exist/i.test(reply.errmsg ?? '')) return false;
  throw new Error(`${path.split('?')[0]} 失败: ${reply.errcode} ${reply.errmsg ?? ''}`);
}

async function tencentCloud(post: HttpPost, config: DeployConfig, action: string, payload: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const reply = (await post({
    url: `https://${TCB_HOST}/`,
    headers: tc3Headers({ action, body, timestamp, secretId: config.tcSecretId, secretKey: config.tcSecretKey }),
    body,
  })) as { Response?: { Error?: { Code: string; Message: string } } };
  const error = reply.Response?.Error;
  if (error || !reply.Response) throw new Error(`tcb.${action} 失败: ${error ? `${error.Code} ${error.Message}` : JSON.stringify(reply)}`);
}

/** Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256) for a JSON POST to tcb. */
export function tc3Headers(input: { action: string; body: string; timestamp: number; secretId: string; secretKey: string }): Record<string, string> {
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
  const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();
  const contentType = 'application/json; charset=utf-8';
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:${contentType}\nhost:${TCB_HOST}\n\ncontent-type;host\n${sha256(input.body)}`;
  const scope = `${date}/tcb/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256(canonical)}`;
  const signing = hmac(hmac(hmac(`TC3${input.secretKey}`, date), 'tcb'), 'tc3_request');
  const signature = createHmac('sha256', signing).update(toSign).digest('hex');
  return {
    'content-type': contentType,
    host: TCB_HOST,
    authorization: `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    'x-tc-action': input.action,
    'x-tc-version': '2018-06-08',
    'x-tc-timestamp': String(input.timestamp),
    'x-tc-region': 'ap-shanghai',
  };
}
