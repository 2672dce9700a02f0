/** Evaluates src/app.config.ts as Taro does at build time, for one target (pages, tab bar, subpackages). */

export interface AppConfig {
  pages: string[];
  tabBar: { list: Array<{ pagePath: string; text: string }> };
  subPackages: Array<{ root: string; pages: string[] }>;
}

export async function appConfigFor(target: 'weapp' | 'h5'): Promise<AppConfig> {
  Object.assign(globalThis, { defineAppConfig: (config: AppConfig) => config });
  const previous = process.env.TARO_ENV;
  process.env.TARO_ENV = target;
  try {
    let config: AppConfig | undefined;
    await jest.isolateModulesAsync(async () => {
      config = (await import('@/app.config')).default as unknown as AppConfig;
    });
    if (!config) throw new Error('app.config.ts exported nothing');
    return config;
  } finally {
    process.env.TARO_ENV = previous;
  }
}
