export default definePageConfig({ navigationBarTitleText: '党代表工作室' });
