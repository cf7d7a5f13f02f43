export default definePageConfig({ navigationBarTitleText: '心理筛查 家长同意' });
