export default definePageConfig({ navigationBarTitleText: '心理测评 家长同意' });
