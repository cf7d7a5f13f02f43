/** WeChat: the back button and Android's back key ask before leaving while `message` is set. */
import Taro from '@tarojs/taro';

export function guardLeaving(message: string | null): void {
  try {
    if (message) Taro.enableAlertBeforeUnload({ message });
    else Taro.disableAlertBeforeUnload();
  } catch {
    // Base libraries before 2.12 lack it: leaving then simply works as before.
  }
}
