export default definePageConfig({ navigationBarTitleText: '代表工作台', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
