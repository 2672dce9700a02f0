export default definePageConfig({ navigationBarTitleText: '意见批办', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
