export default definePageConfig({ navigationBarTitleText: '廉政提醒' });
