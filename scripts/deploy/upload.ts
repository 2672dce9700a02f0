/**
 * The WeChat side of `npm run deploy`, through miniprogram-ci 2.1.42 (signatures from its dist/@types): uploads the release weapp build (dist/, as
 * project.config.json's miniprogramRoot says) as a development version, then each cloud function's deploy folder
 * (dependencies installed in the cloud) and its timer trigger.
 *
 * miniprogram-ci is ~275 MB (1,100 packages) and useless offline, so it is not a dependency: it is loaded only here,
 * only for a real deploy, and the dry run never needs it.
 */
import { join } from 'node:path';
import type { DeployConfig, DeployPlan } from './plan';

export const MINIPROGRAM_CI = 'miniprogram-ci@2.1.42';

/** The part of miniprogram-ci's API the deploy uses (tests pass a stand-in). */
export interface MiniprogramCi {
  Project: new (options: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown;
  upload(options: { project: unknown; version: string; desc: string; robot?: number; setting?: Record<string, boolean>; onProgressUpdate?: (task: unknown) => void }): Promise<unknown>;
  cloud: {
    uploadFunction(options: { project: unknown; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<unknown>;
    createTimeTrigger(options: { project: unknown; envId: string; functionName: string; triggersConfig: Array<{ name: string; type: string; config: string }> }): Promise<unknown>;
  };
}

/** miniprogram-ci if installed; otherwise an error saying how to install it for this one run. */
export function loadMiniprogramCi(): MiniprogramCi {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires -- loaded lazily: not a dependency (see above)
    return require('miniprogram-ci') as MiniprogramCi;
  } catch {
    throw new Error(
      `部署需要 miniprogram-ci（约 275 MB，不在常规依赖里）。请先运行: CI=1 npm install --no-save ${MINIPROGRAM_CI}\n` +
        `npm run deploy needs miniprogram-ci, which is not a dependency: CI=1 npm install --no-save ${MINIPROGRAM_CI}`,
    );
  }
}

/** Uploads the mini-program, then every function and its trigger, in plan order; throws on the first failure. */
export async function uploadToWeChat(
  ci: MiniprogramCi,
  plan: DeployPlan,
  config: DeployConfig,
  folders: { projectPath: string; functionsRoot: string },
  log: (line: string) => void,
): Promise<void> {
  const project = new ci.Project({
    appid: config.appId,
    type: 'miniProgram',
    projectPath: folders.projectPath,
    privateKeyPath: config.privateKeyPath,
    ignores: ['node_modules/**/*', 'cloudfunctions/**/*', 'cloud/**/*', 'dist-h5/**/*', '.data/**/*'],
  });
  // Taro already compiled and minified dist/: WeChat's own passes would only redo (or break) that work.
  await ci.upload({ project, version: config.version, desc: config.desc, robot: 1, setting: { es6: false, minify: false, autoPrefixWXSS: false } });
  log(`mini-program ${config.version} 已上传为开发版（在 微信公众平台 → 版本管理 提交审核）`);
  for (const fn of plan.functions) {
    await ci.cloud.uploadFunction({ project, env: config.envId, name: fn.name, path: join(folders.functionsRoot, fn.name), remoteNpmInstall: true });
    log(`function ${fn.name} 已上传`);
    if (fn.trigger) {
      // miniprogram-ci 2.1.42 answers a sentence, not an error, for a malformed trigger: check it.
      const answer = await ci.cloud.createTimeTrigger({ project, envId: config.envId, functionName: fn.name, triggersConfig: [fn.trigger] });
      if (answer !== '创建定时触发器成功') throw new Error(`云函数 ${fn.name} 的定时触发器没有建成: ${String(answer)}`);
      log(`trigger ${fn.name}.${fn.trigger.name} 已设置 (${fn.trigger.config})`);
    }
  }
}
