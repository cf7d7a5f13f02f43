/**
 * WeChat: ask (from a tap, as WeChat requires) to accept the case-alert
 * templates, so the scheduler's subscribeMessage.send reaches this person.
 * One-time templates allow one message per acceptance, so the workbench
 * offers the prompt on every visit; a city that gets long-term templates
 * (政务 categories can) needs it once.
 */
import Taro from '@tarojs/taro';
import type { AlertAnswer } from './caseAlerts';

export type { AlertAnswer } from './caseAlerts';

export const canAskForAlerts = ALERT_TEMPLATE_IDS.length > 0;

export async function askForCaseAlerts(): Promise<AlertAnswer> {
  if (!canAskForAlerts) return 'unavailable';
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ALERT_TEMPLATE_IDS } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
    return ALERT_TEMPLATE_IDS.some((id) => res[id] === 'accept') ? 'accepted' : 'rejected';
  } catch {
    // the person closed the prompt, or the base library is too old
    return 'rejected';
  }
}
