export default definePageConfig({ navigationBarTitleText: '家长的查看、更正、删除申请' });
