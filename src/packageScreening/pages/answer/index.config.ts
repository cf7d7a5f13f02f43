export default definePageConfig({ navigationBarTitleText: '心理小问卷' });
