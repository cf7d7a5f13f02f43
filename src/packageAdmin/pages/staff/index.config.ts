export default definePageConfig({ navigationBarTitleText: '岗位和人员' });
