/**
 * WeChat: the class list's CSV is written to the user data folder and
 * offered through the share sheet (send to themself, or to the school's
 * computer); where that is not available, copied to the clipboard.
 */
import Taro from '@tarojs/taro';

export async function saveCsv(filename: string, csv: string): Promise<'shared' | 'copied' | 'downloaded'> {
  const wxEnv = (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env;
  const share = (Taro as unknown as { shareFileMessage?: (o: { filePath: string; fileName: string }) => Promise<unknown> }).shareFileMessage;
  if (wxEnv?.USER_DATA_PATH && share) {
    try {
      const filePath = `${wxEnv.USER_DATA_PATH}/${filename.replace(/[^\w\u4e00-\u9fa5.-]/g, '_')}`;
      Taro.getFileSystemManager().writeFileSync(filePath, csv, 'utf8');
      await share({ filePath, fileName: filename });
      return 'shared';
    } catch {
      // the person closed the share sheet, or the base library is too old: fall back to copying
    }
  }
  await Taro.setClipboardData({ data: csv });
  return 'copied';
}
