export default definePageConfig({ navigationBarTitleText: '告家长书签署情况' });
