export default definePageConfig({ navigationBarTitleText: '待审核意见', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
