/**
 * `npm run deploy`: the dry run (what CI can run: WeChat cannot be reached from here) lists every function, trigger,
 * collection, index and rule; the real run's database and upload steps call the right APIs (stand-ins for WeChat);
 * every collection is closed to the mini-program; production template ids reach the client build and the cloud.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { privacyFor } from '../../config/privacy';
import { readTemplateIds, templateIdsFor } from '../../config/template-ids';
import { PRIVACY_CONTACT, PRIVACY_RETENTION, PRIVACY_SECTIONS } from '../../src/pages/privacy/content';
import { isClosedRule, readManifests } from '../../emulator/db/indexes';
import { applyDatabase, type HttpRequest } from '../../scripts/deploy/database';
import { readConfig, readPlan, type DeployConfig } from '../../scripts/deploy/plan';
import { loadMiniprogramCi, uploadToWeChat, type MiniprogramCi } from '../../scripts/deploy/upload';
import { templateId, TEMPLATES } from '../../src/shared/notify';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const secrets = mkdtempSync(join(tmpdir(), 'lianxin-deploy-'));
const keyFile = join(secrets, 'private.wx0123456789abcdef.key');
writeFileSync(keyFile, '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAstand-in\n-----END RSA PRIVATE KEY-----\n');
const ids = Object.fromEntries(Object.keys(TEMPLATES).map((key, i) => [key, `Prod_${key}_${i}xYz-0123456789abcdefghij`]));
const idsFile = join(secrets, 'templates.json');
writeFileSync(idsFile, JSON.stringify(ids));
const deployEnv = {
  LIANXIN_APPID: 'wx0123456789abcdef',
  LIANXIN_UPLOAD_KEY: keyFile,
  LIANXIN_CLOUD_ENV: 'lianxin-prod-8g2x',
  LIANXIN_TEMPLATE_IDS: idsFile,
  LIANXIN_PRIVACY_CONTACT: '区委组织部 0571-88888888，lianxin@example.gov.cn',
  LIANXIN_PRIVACY_RETENTION: '3 年',
};

function dryRun(env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LIANXIN_')));
  return run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/deploy.ts', '--dry-run'], { cwd: ROOT, env: { ...clean, ...env }, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout, err: error.stderr }),
  );
}

describe('every collection is closed to the mini-program', () => {
  it('each manifest in database/collections carries the rule {"read": false, "write": false}', () => {
    const manifests = readManifests(join(ROOT, 'database/collections'));
    expect(manifests.length).toBe(readdirSync(join(ROOT, 'database/collections')).filter((f) => f.endsWith('.json')).length);
    const open = manifests.filter((manifest) => !isClosedRule(manifest.rules)).map((manifest) => manifest.name);
    expect(open).toEqual([]);
  });
});

describe('npm run deploy -- --dry-run', () => {
  it('passes with a full configuration and lists every function, trigger, collection, index, rule and template', async () => {
    const { code, out, err } = await dryRun(deployEnv);
    expect(err).toBe('');
    expect(code).toBe(0);
    const { plan } = readPlan(ROOT);
    const functions = readdirSync(join(ROOT, 'cloud/src/functions')).filter((name) => !name.includes('.'));
    expect(plan.functions.map((fn) => fn.name)).toEqual(functions.sort());
    for (const fn of plan.functions) {
      expect(out).toContain(`function ${fn.name} `);
      if (fn.trigger) expect(out).toContain(`trigger ${fn.name}.${fn.trigger.name}  timer "${fn.trigger.config}"`);
    }
    expect(plan.functions.filter((fn) => fn.trigger).map((fn) => fn.name)).toEqual(expect.arrayContaining(['case', 'push', 'care']));
    for (const collection of plan.collections) {
      expect(out).toContain(`collection ${collection.name}\n`);
      expect(out).toContain(`rule ${collection.name} {"read":false,"write":false}`);
      for (const index of collection.indexes) expect(out).toContain(`index ${collection.name}.${index.name}${index.unique ? ' unique' : ''} (`);
    }
    for (const [key, id] of Object.entries(ids)) expect(out).toContain(`template ${key} → ${id}`);
    expect(out).toContain('mini-program  appid wx0123456789abcdef  env lianxin-prod-8g2x');
    expect(out).toContain('privacy  contact 区委组织部 0571-88888888，lianxin@example.gov.cn  retention 3 年');
    expect(out).toContain('演练通过');
  });

  it('without configuration names every missing variable and exits 1', async () => {
    const { code, err } = await dryRun({});
    expect(code).toBe(1);
    for (const name of ['LIANXIN_APPID', 'LIANXIN_UPLOAD_KEY', 'LIANXIN_CLOUD_ENV', 'LIANXIN_TEMPLATE_IDS', 'LIANXIN_PRIVACY_CONTACT', 'LIANXIN_PRIVACY_RETENTION']) {
      expect(err).toContain(name);
    }
  });

  it('refuses a key kept inside the repository, the local cloud id and an incomplete template list', () => {
    const inRepo = join(ROOT, 'package.json');
    const { problems } = readConfig({ ...deployEnv, LIANXIN_UPLOAD_KEY: inRepo, LIANXIN_CLOUD_ENV: 'lianxin-local', LIANXIN_TEMPLATE_IDS: '{"caseReply":"abc"}' }, { dryRun: true });
    expect(problems.join('\n')).toMatch(/不是私钥文件/);
    expect(problems.join('\n')).toMatch(/LIANXIN_CLOUD_ENV/);
    expect(problems.join('\n')).toMatch(/缺少 caseProgress/);
  });

  it('the real run also needs the AppSecret and a Tencent Cloud key (the dry run does not)', () => {
    expect(readConfig(deployEnv, { dryRun: true }).problems).toEqual([]);
    const problems = readConfig(deployEnv, { dryRun: false }).problems.join('\n');
    expect(problems).toMatch(/LIANXIN_APPSECRET/);
    expect(problems).toMatch(/LIANXIN_TC_SECRET_ID/);
  });
});

describe('the real deploy, against stand-ins for WeChat', () => {
  const config: DeployConfig = {
    ...readConfig(deployEnv, { dryRun: true }).config,
    appSecret: 'app-secret',
    tcSecretId: 'AKIDstandin',
    tcSecretKey: 'tc-secret',
  };

  it('creates each collection, each of its indexes and a closed (ADMINONLY) rule; existing ones count as done', async () => {
    const calls: HttpRequest[] = [];
    const post = async (request: HttpRequest): Promise<unknown> => {
      calls.push(request);
      if (request.url.includes('/cgi-bin/stable_token')) return { access_token: 'TOKEN', expires_in: 7200 };
      if (request.url.includes('databasecollectionadd') && request.body.includes('"users"')) return { errcode: -502005, errmsg: 'collection already exists' };
      if (request.url.startsWith('https://tcb.tencentcloudapi.com')) return { Response: { RequestId: 'r1' } };
      return { errcode: 0, errmsg: 'ok' };
    };
    const { plan } = readPlan(ROOT);
    const lines: string[] = [];
    await applyDatabase(plan, config, post, (line) => lines.push(line));
    const token = calls[0];
    expect(JSON.parse(token.body)).toEqual({ grant_type: 'client_credential', appid: 'wx0123456789abcdef', secret: 'app-secret' });
    for (const collection of plan.collections) {
      expect(calls.some((c) => c.url === 'https://api.weixin.qq.com/tcb/databasecollectionadd?access_token=TOKEN' && JSON.parse(c.body).collection_name === collection.name)).toBe(true);
      for (const index of collection.indexes) {
        const sent = calls.find((c) => c.url.includes('/tcb/updateindex') && JSON.parse(c.body).collection_name === collection.name && JSON.parse(c.body).create_indexes[0].name === index.name);
        expect(JSON.parse(sent?.body ?? '{}').create_indexes[0]).toEqual({
          name: index.name,
          unique: index.unique,
          keys: index.fields.map((field, i) => ({ name: field, direction: String(index.directions[i]) })),
        });
      }
      const acl = calls.find((c) => c.headers['x-tc-action'] === 'ModifyDatabaseACL' && JSON.parse(c.body).CollectionName === collection.name);
      expect(JSON.parse(acl?.body ?? '{}')).toEqual({ EnvId: 'lianxin-prod-8g2x', CollectionName: collection.name, AclTag: 'ADMINONLY' });
      expect(acl?.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDstandin\/\d{4}-\d{2}-\d{2}\/tcb\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
    }
    expect(lines).toContain('collection users: 已存在');
  });

  it('stops at the first refusal with WeChat\'s code', async () => {
    const post = async (request: HttpRequest): Promise<unknown> =>
      request.url.includes('stable_token') ? { access_token: 'T' } : { errcode: 85088, errmsg: 'no cloud env' };
    await expect(applyDatabase(readPlan(ROOT).plan, config, post, () => undefined)).rejects.toThrow(/85088/);
  });

  it('uploads the mini-program, then every function and its timer trigger, through miniprogram-ci', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [];
    const ci: MiniprogramCi = {
      Project: class {
        constructor(readonly options: unknown) {}
      } as unknown as MiniprogramCi['Project'],
      upload: async (options) => {
        calls.push(['upload', options as unknown as Record<string, unknown>]);
        return {};
      },
      cloud: {
        uploadFunction: async (options) => {
          calls.push(['uploadFunction', options as unknown as Record<string, unknown>]);
          return { filesCount: 3, packSize: 1 };
        },
        createTimeTrigger: async (options) => {
          calls.push(['createTimeTrigger', options as unknown as Record<string, unknown>]);
          return '创建定时触发器成功';
        },
      },
    };
    const { plan } = readPlan(ROOT);
    await uploadToWeChat(ci, plan, config, { projectPath: ROOT, functionsRoot: join(ROOT, 'cloudfunctions') }, () => undefined);
    expect(calls[0][0]).toBe('upload');
    expect((calls[0][1].project as { options: Record<string, unknown> }).options).toMatchObject({ appid: 'wx0123456789abcdef', privateKeyPath: keyFile, projectPath: ROOT });
    for (const fn of plan.functions) {
      expect(calls).toContainEqual(['uploadFunction', expect.objectContaining({ env: 'lianxin-prod-8g2x', name: fn.name, path: join(ROOT, 'cloudfunctions', fn.name), remoteNpmInstall: true })]);
      if (fn.trigger) {
        expect(calls).toContainEqual(['createTimeTrigger', expect.objectContaining({ envId: 'lianxin-prod-8g2x', functionName: fn.name, triggersConfig: [fn.trigger] })]);
      }
    }
  });

  it('says how to install miniprogram-ci when it is missing (it is not a dependency)', () => {
    expect(() => loadMiniprogramCi()).toThrow('npm install --no-save miniprogram-ci@2.1.42');
  });
});

describe('the privacy guide\'s contact and retention period come from the deploy configuration', () => {
  it('a release weapp build refuses to build without them; local builds show the placeholders', () => {
    expect(() => privacyFor({ target: 'weapp', mode: 'release', contact: '电话 1', retention: undefined })).toThrow(/LIANXIN_PRIVACY_RETENTION/);
    expect(privacyFor({ target: 'weapp', mode: 'release', contact: ' 电话 1 ', retention: '3 年' })).toEqual({ contact: '电话 1', retention: '3 年' });
    expect(privacyFor({ target: 'h5', mode: undefined, contact: undefined, retention: undefined })).toBeNull();
    const text = PRIVACY_SECTIONS.map((section) => section.paragraphs.join('')).join('');
    expect(text).toContain(`保存${PRIVACY_RETENTION}`);
    expect(text).toContain(PRIVACY_CONTACT);
  });
});

describe('production subscribe-message template ids come from the deploy configuration', () => {
  it('a release weapp build refuses to build without them; other builds keep the local ids', () => {
    expect(() => templateIdsFor({ target: 'weapp', mode: 'release', value: undefined })).toThrow(/LIANXIN_TEMPLATE_IDS/);
    expect(templateIdsFor({ target: 'weapp', mode: 'release', value: idsFile })).toEqual(ids);
    expect(templateIdsFor({ target: 'h5', mode: 'development', value: undefined })).toBeNull();
    expect(() => readTemplateIds('{"caseReply": "has spaces"}')).toThrow(/格式不对/);
  });

  it('a cloud function given LIANXIN_TEMPLATE_IDS sends with the deployment\'s id, not the local one', () => {
    const before = process.env.LIANXIN_TEMPLATE_IDS;
    expect(templateId('caseReply')).toBe(TEMPLATES.caseReply.id);
    process.env.LIANXIN_TEMPLATE_IDS = JSON.stringify(ids);
    try {
      expect(templateId('caseReply')).toBe(ids.caseReply);
      expect(templateId('notice')).toBe(ids.notice);
    } finally {
      if (before === undefined) delete process.env.LIANXIN_TEMPLATE_IDS;
      else process.env.LIANXIN_TEMPLATE_IDS = before;
    }
  });
});
