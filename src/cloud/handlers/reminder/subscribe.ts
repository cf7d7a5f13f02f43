import { z } from 'zod';
import { defineAction } from '../../core/action';
import type { SubscriptionDoc } from '../scheduler/holidayReminders';

/**
 * Records a guardian's choice, made with a tap (WeChat's rule: subscription
 * messages only after the person said yes in wx.requestSubscribeMessage).
 * On CloudBase the caller's OPENID is kept on this row only, for delivering
 * the holiday reminders; saying no removes it.
 */
export const subscribe = defineAction({
  name: 'reminder.subscribe',
  input: z.object({
    accepted: z.boolean({ required_error: '请选择是否接收提醒。', invalid_type_error: '请选择是否接收提醒。' }),
    templates: z.array(z.string().max(40)).max(5).optional(),
  }).strict(),
  labels: { accepted: '接收提醒', templates: '提醒类型' },
  readsNotifyAddress: true,
  async handle({ accepted, templates }, ctx) {
    const userId = ctx.caller!.userId;
    const doc: SubscriptionDoc = {
      _id: userId, userId, optedIn: accepted, at: ctx.clock.now().getTime(), templates: templates ?? [],
      ...(accepted && ctx.notifyAddress ? { notifyOpenid: ctx.notifyAddress } : {}),
    };
    await ctx.store.collection<SubscriptionDoc>('reminder_subs').put(doc);
    await ctx.audit({ action: 'reminder.subscribe', detail: { accepted } });
    return { optedIn: accepted };
  },
});
