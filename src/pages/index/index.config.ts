export default definePageConfig({ navigationBarTitleText: '护航' });
