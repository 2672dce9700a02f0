/**
 * Which WeChat cloud environment a build talks to. A release weapp build (`npm run build:weapp:release`, Taro mode
 * 'release') must name the real one in LIANXIN_CLOUD_ENV: uploading a build that points at the local id would leave
 * every cloud call failing in WeChat. Every other build (h5, dev watch, and the checked build `npm test` runs) may
 * fall back to the local cloud's id, and says so.
 */
export const LOCAL_CLOUD_ENV = 'lianxin-local';

export interface CloudEnvChoice {
  env: string;
  /** A line to print when the build falls back to the local id (null when a real env was given). */
  notice: string | null;
}

export function cloudEnvFor({ target, mode, value }: { target: string | undefined; mode: string | undefined; value: string | undefined }): CloudEnvChoice {
  const given = value?.trim() ?? '';
  const release = target === 'weapp' && mode === 'release';
  if (release && (given === '' || given === LOCAL_CLOUD_ENV)) {
    throw new Error(
      `发布版小程序必须设置真实的云开发环境：LIANXIN_CLOUD_ENV=<环境 ID> npm run build:weapp:release。` +
        ` A release weapp build needs LIANXIN_CLOUD_ENV set to the WeChat cloud environment id (got ${given === '' ? 'nothing' : `'${given}'`}).`,
    );
  }
  if (given !== '') return { env: given, notice: null };
  return {
    env: LOCAL_CLOUD_ENV,
    notice:
      target === 'weapp'
        ? `注意：未设置 LIANXIN_CLOUD_ENV，本次小程序构建使用本地云环境 ${LOCAL_CLOUD_ENV}，只能用于本地检查，不能上传发布（发布请用 npm run build:weapp:release）。`
        : null,
  };
}
