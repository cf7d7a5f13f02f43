/** WeChat: the subscription prompt, from the tap that calls this (WeChat's rule). */
import Taro from '@tarojs/taro';

export const needsWeChatPrompt = true;
export const canAskForReminders = HOLIDAY_TEMPLATE_IDS.length > 0;

export async function askForHolidayReminders(): Promise<boolean> {
  if (HOLIDAY_TEMPLATE_IDS.length === 0) return false;
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: HOLIDAY_TEMPLATE_IDS } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
    return HOLIDAY_TEMPLATE_IDS.some((id) => res[id] === 'accept');
  } catch {
    return false; // closed the prompt, or the base library is too old
  }
}
