/**
 * What `npm run deploy` applies, read from the repository: every cloud function with its config.json (timeout,
 * memory, open-API permissions, timer trigger), every collection manifest with its indexes and security rule, and the
 * deployment's configuration from environment variables (never from committed files).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTemplateIds, type TemplateIds } from '../../config/template-ids';
import { isClosedRule, readManifests, type CollectionManifest } from '../../emulator/db/indexes';
import { loadFunctionConfig, type FunctionConfig, type TimerTrigger } from '../../emulator/runner/config';
import { TEMPLATES } from '../../src/shared/notify';

export const ROOT = resolve(__dirname, '../..');

export interface PlannedFunction {
  name: string;
  config: FunctionConfig;
  trigger: TimerTrigger | null;
}

export interface DeployPlan {
  functions: PlannedFunction[];
  collections: CollectionManifest[];
}

export interface DeployConfig {
  /** The mini-program's AppID (wx + 16 hex digits). */
  appId: string;
  /** The code-upload private key downloaded from 微信公众平台 → 开发管理 → 小程序代码上传 (kept outside the repository). */
  privateKeyPath: string;
  /** The WeChat cloud environment id. */
  envId: string;
  /** Production subscribe-message template ids (LIANXIN_TEMPLATE_IDS: a JSON file or the JSON itself). */
  templateIds: TemplateIds;
  /** The privacy guide's contact and retention period (LIANXIN_PRIVACY_CONTACT, LIANXIN_PRIVACY_RETENTION). */
  privacyContact: string;
  privacyRetention: string;
  /** Version and note shown in 微信公众平台 → 版本管理. */
  version: string;
  desc: string;
  /** For the database HTTP API (collections, indexes): the AppSecret, to get an access_token. */
  appSecret: string;
  /** For the security rules (Tencent Cloud API tcb.ModifyDatabaseACL): a CAM key of the cloud environment's account. */
  tcSecretId: string;
  tcSecretKey: string;
}

const APPID = /^wx[0-9a-f]{16}$/;
const ENV_ID = /^[a-z][a-z0-9-]{3,39}$/i;

/** Reads the plan from the repository; `problems` names every function config or manifest that cannot be deployed. */
export function readPlan(root: string = ROOT): { plan: DeployPlan; problems: string[] } {
  const problems: string[] = [];
  const sources = join(root, 'cloud/src/functions');
  const functions: PlannedFunction[] = [];
  for (const name of readdirSync(sources).filter((entry) => statSync(join(sources, entry)).isDirectory()).sort()) {
    try {
      const { config, timer } = loadFunctionConfig(join(sources, name), name);
      functions.push({ name, config, trigger: timer?.trigger ?? null });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  let collections: CollectionManifest[] = [];
  try {
    collections = readManifests(join(root, 'database/collections'));
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const manifest of collections) {
    if (!isClosedRule(manifest.rules)) {
      problems.push(
        `集合 ${manifest.name} 的安全规则必须是 {"read": false, "write": false}（database/collections/${manifest.name}.json 的 "rules"）：` +
          '连心的数据只经云函数读写，小程序端不得直接访问数据库',
      );
    }
  }
  return { plan: { functions, collections }, problems };
}

/** The deployment's configuration from the environment; `problems` says what is missing or malformed. */
export function readConfig(env: NodeJS.ProcessEnv, options: { dryRun: boolean; root?: string }): { config: DeployConfig; problems: string[] } {
  const problems: string[] = [];
  const value = (name: string): string => (env[name] ?? '').trim();
  const appId = value('LIANXIN_APPID');
  const privateKeyPath = value('LIANXIN_UPLOAD_KEY');
  const envId = value('LIANXIN_CLOUD_ENV');
  if (!APPID.test(appId)) problems.push(`LIANXIN_APPID 应为小程序 AppID（wx 加 16 位十六进制），实际 "${appId}"`);
  if (!privateKeyPath) problems.push('LIANXIN_UPLOAD_KEY 应为代码上传密钥文件的路径（微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传）');
  else if (!existsSync(privateKeyPath)) problems.push(`LIANXIN_UPLOAD_KEY 指向的文件不存在: ${privateKeyPath}`);
  else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(readFileSync(privateKeyPath, 'utf8'))) {
    problems.push(`LIANXIN_UPLOAD_KEY 不是私钥文件（应以 -----BEGIN RSA PRIVATE KEY----- 开头）: ${privateKeyPath}`);
  } else if (resolve(privateKeyPath).startsWith(`${resolve(options.root ?? ROOT)}/`)) {
    problems.push(`代码上传密钥不能放在仓库里（${privateKeyPath}）：放到仓库外，例如 ~/.lianxin/`);
  }
  if (!ENV_ID.test(envId) || envId === 'lianxin-local') problems.push(`LIANXIN_CLOUD_ENV 应为云开发环境 ID（云开发控制台 → 设置），实际 "${envId}"`);
  let templateIds: TemplateIds = {};
  try {
    const ids = readTemplateIds(env.LIANXIN_TEMPLATE_IDS, Object.keys(TEMPLATES));
    if (ids) templateIds = ids;
    else problems.push(`LIANXIN_TEMPLATE_IDS 应为订阅消息模板 ID 的 JSON 文件（${Object.keys(TEMPLATES).join(', ')}）`);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const privacyContact = value('LIANXIN_PRIVACY_CONTACT');
  const privacyRetention = value('LIANXIN_PRIVACY_RETENTION');
  if (!privacyContact) problems.push('LIANXIN_PRIVACY_CONTACT 未设置：隐私指引里居民可以联系的电话和邮箱');
  if (!privacyRetention) problems.push('LIANXIN_PRIVACY_RETENTION 未设置：隐私指引里意见办结后保存多久（如 "3 年"）');
  const config: DeployConfig = {
    appId,
    privateKeyPath,
    envId,
    templateIds,
    privacyContact,
    privacyRetention,
    version: value('LIANXIN_VERSION') || packageVersion(options.root ?? ROOT),
    desc: value('LIANXIN_DESC') || `连心 ${new Date().toISOString().slice(0, 10)}`,
    appSecret: value('LIANXIN_APPSECRET'),
    tcSecretId: value('LIANXIN_TC_SECRET_ID'),
    tcSecretKey: value('LIANXIN_TC_SECRET_KEY'),
  };
  // The dry run never connects: secrets are only needed (and only checked) for the real run.
  if (!options.dryRun) {
    if (!config.appSecret) problems.push('LIANXIN_APPSECRET 未设置（建集合、建索引要用 access_token）');
    if (!config.tcSecretId || !config.tcSecretKey) problems.push('LIANXIN_TC_SECRET_ID / LIANXIN_TC_SECRET_KEY 未设置（设置集合安全规则要用腾讯云 API 密钥）');
  }
  return { config, problems };
}

/** One line per function, trigger, collection, index, rule and template: what the run applies. */
export function describePlan(plan: DeployPlan, config: DeployConfig): string[] {
  const lines: string[] = [];
  lines.push(`mini-program  appid ${config.appId || '(未设置)'}  env ${config.envId || '(未设置)'}  version ${config.version}  key ${config.privateKeyPath || '(未设置)'}`);
  lines.push(`functions (${plan.functions.length}):`);
  for (const fn of plan.functions) {
    const { timeout = 3, memorySize = 256, permissions } = fn.config;
    const openapi = permissions?.openapi?.length ? permissions.openapi.join(',') : '-';
    lines.push(`  function ${fn.name}  timeout ${timeout}s  memory ${memorySize}MB  openapi ${openapi}  envVariables LIANXIN_TEMPLATE_IDS`);
    if (fn.trigger) lines.push(`  trigger ${fn.name}.${fn.trigger.name}  timer "${fn.trigger.config}" (UTC+8)`);
  }
  lines.push(`collections (${plan.collections.length}):`);
  for (const collection of plan.collections) {
    lines.push(`  collection ${collection.name}`);
    lines.push(`  rule ${collection.name} ${JSON.stringify(collection.rules ?? null)}${isClosedRule(collection.rules) ? ' (ADMINONLY: 仅云函数可读写)' : ''}`);
    for (const index of collection.indexes) {
      const keys = index.fields.map((field, i) => `${field} ${index.directions[i]}`).join(', ');
      lines.push(`  index ${collection.name}.${index.name}${index.unique ? ' unique' : ''} (${keys})`);
    }
  }
  lines.push(`privacy  contact ${config.privacyContact || '(未设置)'}  retention ${config.privacyRetention || '(未设置)'}`);
  lines.push(`templates (${Object.keys(TEMPLATES).length}):`);
  for (const key of Object.keys(TEMPLATES)) lines.push(`  template ${key} → ${config.templateIds[key] ?? '(未设置)'}`);
  return lines;
}

function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
