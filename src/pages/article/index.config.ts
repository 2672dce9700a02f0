export default definePageConfig({ navigationBarTitleText: '学习', enableShareAppMessage: true });
