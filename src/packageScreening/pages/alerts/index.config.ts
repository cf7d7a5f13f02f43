export default definePageConfig({ navigationBarTitleText: '心理筛查预警' });
