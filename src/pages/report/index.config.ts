export default definePageConfig({ navigationBarTitleText: '举报求助' });
