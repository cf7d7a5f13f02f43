/**
 * Case alerts for staff: WeChat delivers a subscription message only after the
 * person has accepted its template, one message per acceptance. H5 has no such
 * messages (the local outbox is the record), so here there is nothing to ask.
 * Taro's build picks caseAlerts.weapp.ts for WeChat.
 */
export type AlertAnswer = 'accepted' | 'rejected' | 'unavailable';

export const canAskForAlerts: boolean = false;

export async function askForCaseAlerts(): Promise<AlertAnswer> {
  return 'unavailable';
}
