import type { UserConfigExport } from '@tarojs/cli';

/** Development build: readable logs, no minification (Taro's default in this mode). */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
