export default definePageConfig({ navigationBarTitleText: '导入学生名册' });
