/**
 * Hand the desk's .xlsx to the user. Taro's build picks saveXlsx.weapp.ts
 * (opened in the phone's document viewer) or saveXlsx.h5.ts (a download);
 * this file declares the shared signature and the safe default for any other
 * platform: say it cannot be saved here (the desk shows the message).
 */
import { ApiError } from '../services/errors';

export async function saveXlsx(fileName: string, base64: string): Promise<'opened' | 'downloaded'> {
  void fileName;
  void base64;
  throw new ApiError('BAD_INPUT', '这里不能保存表格，请在微信小程序或电脑浏览器里导出。');
}
