import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import { cloudEnvFor } from './cloud-env';
import { privacyFor } from './privacy';
import { templateIdsFor } from './template-ids';
import { NoNewFunctionGlobalPlugin } from './no-new-function-global';
import prodConfig from './prod';

/**
 * NutUI is drawn on a 375 px design, our own styles on 750 px (Taro's default). Taro copies this function's source text
 * into the weapp app.js for Taro.pxTransform, after compiling it: it must need no compiler helper (no `typeof x ===
 * 'object'`, no `instanceof`, which become _type_of/_instanceof calls that do not exist there). check:weapp runs the
 * copy from dist/app.js.
 */
function designWidth(input?: string | number | { file?: string }): number {
  const file = input == null ? '' : String((input as { file?: unknown }).file ?? '');
  return file.replace(/\\+/g, '/').indexOf('@nutui') >= 0 ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const isDev = process.env.NODE_ENV === 'development';
  const cloud = cloudEnvFor({ target: process.env.TARO_ENV, mode, value: process.env.LIANXIN_CLOUD_ENV });
  if (cloud.notice) console.warn(cloud.notice);
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'lianxin',
    date: '2026-11-21',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Two output folders so a weapp build never overwrites the h5 one (and vice versa).
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    // NutUI icons render a raw <i>: plugin-html lets HTML tags through on weapp.
    plugins: ['@tarojs/plugin-html'],
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    defineConstants: {
      // h5 is only ever the local build (browser tests, `npm start`); weapp is local only in dev mode.
      LIANXIN_LOCAL: JSON.stringify(isH5 || isDev),
      LIANXIN_CLOUD_ENV: JSON.stringify(cloud.env),
      // Production subscribe-message template ids (deploy configuration); null keeps src/shared/notify.ts's local ones.
      LIANXIN_TEMPLATE_IDS: JSON.stringify(templateIdsFor({ target: process.env.TARO_ENV, mode, value: process.env.LIANXIN_TEMPLATE_IDS })),
      // The privacy guide's contact and retention period (deploy configuration); null shows the placeholders.
      LIANXIN_PRIVACY: JSON.stringify(
        privacyFor({ target: process.env.TARO_ENV, mode, contact: process.env.LIANXIN_PRIVACY_CONTACT, retention: process.env.LIANXIN_PRIVACY_RETENTION }),
      ),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    // Keep Chinese text as UTF-8 instead of \uXXXX escapes (the mini-program runtime reads UTF-8): ~10 KB off the main package.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      // Pages import NutUI components in different orders; CSS order between them does not matter (no overlapping rules).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.plugin('no-new-function-global').use(NoNewFunctionGlobalPlugin);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true, // as on weapp
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.plugin('no-new-function-global').use(NoNewFunctionGlobalPlugin);
        // Taro splits only initial chunks on h5, so every lazily loaded page carried its own copy of NutUI.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
        // Local-use build: webpack's 244 KiB web-performance hint is noise here.
        chain.performance.hints(false);
      },
    },
  };
  return merge({}, baseConfig, isDev ? devConfig : prodConfig);
});
