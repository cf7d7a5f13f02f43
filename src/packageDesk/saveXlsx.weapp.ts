/**
 * WeChat: the export is written to the user data folder and opened with the
 * phone's document viewer (from there: 转发 / 用其他应用打开). saveXlsx.h5.ts
 * downloads it in the browser; saveXlsx.ts declares the signature.
 */
import Taro from '@tarojs/taro';

export async function saveXlsx(fileName: string, base64: string): Promise<'opened' | 'downloaded'> {
  const dir = (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env?.USER_DATA_PATH;
  const filePath = `${dir}/${fileName.replace(/[^\w\u4e00-\u9fa5.-]/g, '_')}`;
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64');
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  return 'opened';
}
