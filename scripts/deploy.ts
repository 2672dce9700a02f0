/**
 * `npm run deploy`: puts Lianxin into a district's own WeChat cloud environment.
 *   1. checks the configuration (environment variables, never committed files) and the repository's functions and
 *      collection manifests, and prints every function, trigger, collection, index, rule and template it applies;
 *   2. builds the release mini-program (`npm run build:weapp:release`, with the cloud env and template ids) and the
 *      cloud functions' deploy folders, each config.json given the template ids in envVariables;
 *   3. creates collections, indexes and security rules (scripts/deploy/database.ts says which APIs it calls);
 *   4. uploads the mini-program and every function with its timer trigger through miniprogram-ci (scripts/deploy/upload.ts).
 * `npm run deploy -- --dry-run` does step 1 only: no build, no network, no miniprogram-ci. It exits 1 when anything
 * is missing or wrong, naming each problem.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCloudFunctions } from './build-cloud';
import { applyDatabase, postJson } from './deploy/database';
import { describePlan, readConfig, readPlan, ROOT } from './deploy/plan';
import { loadMiniprogramCi, uploadToWeChat } from './deploy/upload';

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--dry-run');
  if (unknown.length) {
    console.error(`不认识的参数: ${unknown.join(' ')}（只有 --dry-run）`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');
  const { plan, problems: planProblems } = readPlan();
  const { config, problems: configProblems } = readConfig(process.env, { dryRun });
  console.log(dryRun ? '连心部署计划（演练：不构建、不连接微信）' : '连心部署计划');
  for (const line of describePlan(plan, config)) console.log(line);
  const problems = [...planProblems, ...configProblems];
  if (problems.length) {
    console.error(`\n不能部署，请先处理 ${problems.length} 个问题:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  if (dryRun) {
    console.log('\n演练通过：配置完整，去掉 --dry-run 即正式部署。');
    return 0;
  }

  // Loaded before the long builds: a missing miniprogram-ci should not cost the builds first.
  const ci = loadMiniprogramCi();
  const templateIds = JSON.stringify(config.templateIds);
  const build = spawnSync('npm', ['run', 'build:weapp:release'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      LIANXIN_CLOUD_ENV: config.envId,
      LIANXIN_TEMPLATE_IDS: templateIds,
      LIANXIN_PRIVACY_CONTACT: config.privacyContact,
      LIANXIN_PRIVACY_RETENTION: config.privacyRetention,
    },
  });
  if (build.status !== 0) throw new Error('小程序发布版构建失败（见上方输出）');
  const functionsRoot = join(ROOT, 'cloudfunctions');
  for (const fn of await buildCloudFunctions({ outDir: functionsRoot })) {
    // The cloud reads production template ids from the function's environment (src/shared/notify.ts templateId).
    const file = join(fn.dir, 'config.json');
    const fnConfig = JSON.parse(readFileSync(file, 'utf8')) as { envVariables?: Record<string, string> };
    fnConfig.envVariables = { ...fnConfig.envVariables, LIANXIN_TEMPLATE_IDS: templateIds };
    writeFileSync(file, `${JSON.stringify(fnConfig, null, 2)}\n`);
  }
  await applyDatabase(plan, config, postJson, (line) => console.log(line));
  await uploadToWeChat(ci, plan, config, { projectPath: ROOT, functionsRoot }, (line) => console.log(line));
  console.log('\n部署完成。小程序是开发版：在 微信公众平台 → 管理 → 版本管理 提交审核后发布。');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
