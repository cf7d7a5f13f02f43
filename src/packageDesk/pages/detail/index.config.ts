export default definePageConfig({ navigationBarTitleText: '目标明细' });
