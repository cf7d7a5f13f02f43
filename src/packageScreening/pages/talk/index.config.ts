export default definePageConfig({ navigationBarTitleText: '想找人聊聊' });
