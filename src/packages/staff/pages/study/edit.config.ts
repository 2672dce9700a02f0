export default definePageConfig({ navigationBarTitleText: '编辑学习文章' });
