export default definePageConfig({ navigationBarTitleText: '目标看板' });
