/** Pages, tab bar and subpackages. Staff and deputy pages live in subpackages so residents never download them. */
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/study/index',
    'pages/opinions/index',
    'pages/me/index',
    'pages/opinion-form/index',
    'pages/studio/index',
    'pages/case/index',
    'pages/inbox/index',
    'pages/privacy/index',
    'pages/bind/index',
    'pages/article/index',
    // Demo persona sign-in exists only in the local h5 build; weapp users are identified by WeChat.
    ...(process.env.TARO_ENV === 'h5' ? ['pages/dev-sign-in/index'] : []),
  ],
  subPackages: [
    // Each page path names its source file: 'pages/index/index' is src/packages/staff/pages/index/index.tsx.
    { root: 'packages/staff', pages: ['pages/index/index', 'pages/cases/index', 'pages/supervise/index', 'pages/figures/index', 'pages/ledger/index', 'pages/held/index', 'pages/roster/index', 'pages/notices/index', 'pages/study/index', 'pages/study/edit', 'pages/holidays/index', 'pages/reminders/index', 'pages/birthdays/index'] },
    { root: 'packages/deputy', pages: ['pages/index/index'] },
    // The 政治生日贺卡, opened from the day's greeting: kept out of the main package, which is near its size budget.
    { root: 'packages/birthday', pages: ['pages/card/index'] },
    { root: 'packages/study', pages: ['pages/quiz/index', 'pages/mine/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f7',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '连心',
    navigationBarTextStyle: 'white',
  },
  // Text-only tab bar: WeChat allows items without icons; the h5 tab bar is styled in app.css.
  tabBar: {
    color: '#5c5f66',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/study/index', text: '学习' },
      { pagePath: 'pages/opinions/index', text: '意见' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  // Inject only the components a page uses at startup (WeChat's recommended mode; Taro pages each declare their own).
  lazyCodeLoading: 'requiredComponents',
  // Lets wx.onNeedPrivacyAuthorization reach our own consent screen on base libraries from before Sept 2023 too.
  __usePrivacyCheck__: true,
  // Location is optional everywhere (nearest studio first, a place on a form); WeChat requires declaring why it is asked.
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '用于显示离你最近的党代表工作室，以及在意见中附上位置' } },
});
