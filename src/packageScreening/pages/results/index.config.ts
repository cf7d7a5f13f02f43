export default definePageConfig({ navigationBarTitleText: '心理测评结果' });
