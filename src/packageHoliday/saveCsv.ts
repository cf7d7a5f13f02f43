/**
 * Hand the class list's CSV to the teacher: how it leaves the phone. Taro's
 * build picks saveCsv.weapp.ts (share sheet) or saveCsv.h5.ts (download);
 * this file declares the shared signature and the safe default every
 * platform has: copy it to the clipboard.
 */
import Taro from '@tarojs/taro';

export async function saveCsv(filename: string, csv: string): Promise<'shared' | 'copied' | 'downloaded'> {
  void filename;
  await Taro.setClipboardData({ data: csv });
  return 'copied';
}
