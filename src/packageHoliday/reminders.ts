/**
 * Holiday reminders: the interface, and the default where there are no
 * subscription messages (H5: the local outbox is the record), so the tap
 * records the choice directly. reminders.weapp.ts first asks WeChat's
 * prompt, as WeChat requires.
 */
/** Whether WeChat's own prompt comes before the choice is recorded. */
export const needsWeChatPrompt: boolean = false;
/** Whether there is anything to opt in to (on WeChat: template ids were built in). */
export const canAskForReminders: boolean = true;

export async function askForHolidayReminders(): Promise<boolean> {
  return true;
}
