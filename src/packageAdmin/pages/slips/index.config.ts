export default definePageConfig({ navigationBarTitleText: '邀请码纸条' });
