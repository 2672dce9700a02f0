export default definePageConfig({ navigationBarTitleText: '连心' });
