export default definePageConfig({ navigationBarTitleText: '班级学习情况' });
