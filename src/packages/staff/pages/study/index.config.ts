export default definePageConfig({ navigationBarTitleText: '学习内容管理', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
