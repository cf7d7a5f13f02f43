export default definePageConfig({ navigationBarTitleText: '心理筛查完成情况' });
