export default definePageConfig({ navigationBarTitleText: '组织心理测评' });
