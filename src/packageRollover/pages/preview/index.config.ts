export default definePageConfig({ navigationBarTitleText: '学年升级' });
