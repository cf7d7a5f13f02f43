/** Printing the slip sheet: in the mini-program, open the desk page in a computer's browser (print.h5.ts prints). */
import Taro from '@tarojs/taro';

export function printSlips(): void {
  void Taro.showModal({ title: '请在电脑上打印', content: '在电脑浏览器打开护航的网页版，用学校管理员的账号进入“邀请码纸条”，就能用 A4 纸打印。', showCancel: false });
}
export const canPrint: boolean = false;
