/**
 * "You have typed something: really leave?" when the person presses back.
 * Taro's build picks leaveGuard.weapp.ts on WeChat, where the back button
 * can ask first (enableAlertBeforeUnload). H5 has no such hook: Taro's H5
 * build does not support it, and the browser's back is a hash change that
 * cannot be stopped; so this stand-in (also what jest sees) does nothing.
 */
export function guardLeaving(message: string | null): void {
  void message;
}
