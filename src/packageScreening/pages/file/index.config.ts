export default definePageConfig({ navigationBarTitleText: '一生一策档案' });
