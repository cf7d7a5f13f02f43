export default definePageConfig({ navigationBarTitleText: '告家长书覆盖率' });
