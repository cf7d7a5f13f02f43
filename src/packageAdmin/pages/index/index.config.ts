export default definePageConfig({ navigationBarTitleText: '学校、名册和邀请码' });
