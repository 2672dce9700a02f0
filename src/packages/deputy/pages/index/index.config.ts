export default definePageConfig({ navigationBarTitleText: '代表工作台' });
