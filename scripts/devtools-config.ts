/**
 * `LIANXIN_APPID=wx… npm run devtools:config`: writes project.private.config.json (git-ignored) with the real AppID, so
 * WeChat DevTools opens the repository as your mini-program while project.config.json keeps the shared settings and
 * the placeholder `touristappid`. DevTools gives a field in the private file priority over the shared one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_CONFIG = join(__dirname, '..', 'project.private.config.json');
const APPID = /^wx[0-9a-f]{16}$/;

/** The private config with the AppID set, keeping whatever DevTools already wrote there. */
export function privateConfigWith(appid: string, existing: Record<string, unknown> = {}): Record<string, unknown> {
  if (!APPID.test(appid)) throw new Error(`LIANXIN_APPID 应是小程序的 AppID（wx 加 16 位十六进制），收到 '${appid}'。 LIANXIN_APPID must look like wx0123456789abcdef.`);
  return { ...existing, appid };
}

if (require.main === module) {
  const existing = existsSync(PRIVATE_CONFIG) ? (JSON.parse(readFileSync(PRIVATE_CONFIG, 'utf8')) as Record<string, unknown>) : {};
  try {
    writeFileSync(PRIVATE_CONFIG, `${JSON.stringify(privateConfigWith(process.env.LIANXIN_APPID?.trim() ?? '', existing), null, 2)}\n`);
    console.log(`已写入 ${PRIVATE_CONFIG}。接着：LIANXIN_CLOUD_ENV=<云环境 ID> npm run build:weapp:release && npm run build:cloud，再用微信开发者工具打开本仓库根目录。`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
