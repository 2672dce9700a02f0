import type { UserConfigExport } from '@tarojs/cli';

/** Production build: Taro minifies by default; nothing to add yet. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
