// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// babel-plugin-import pulls in only the NutUI components a page uses, each with its plain-CSS style.
const nutuiPackages = '@nutui/nutui-react-taro/dist/es/packages/';

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        camel2DashComponentName: false,
        customName: (name) => nutuiPackages + name.toLowerCase(),
        customStyleName: (name) => nutuiPackages + name.toLowerCase() + '/style/css',
      },
      'nutui-react-taro',
    ],
  ],
};
