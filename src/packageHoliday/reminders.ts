/**
 * Holiday reminders: on H5 there are no subscription messages (the local
 * outbox is the record), so the tap records the choice directly.
 * reminders.weapp.ts first asks WeChat's prompt, as WeChat requires.
 */
export const needsWeChatPrompt = false;
/** Whether there is anything to opt in to (on WeChat: template ids were built in). */
export const canAskForReminders = true;

export async function askForHolidayReminders(): Promise<boolean> {
  return true;
}
