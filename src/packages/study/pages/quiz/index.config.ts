export default definePageConfig({ navigationBarTitleText: '应知应会' });
