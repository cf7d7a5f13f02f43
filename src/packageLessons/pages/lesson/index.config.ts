export default definePageConfig({ navigationBarTitleText: '安全课' });
