export default definePageConfig({ navigationBarTitleText: '家长绑定情况' });
