import { z } from 'zod';
import { CITY } from '../../../domain/catalog';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import { isMonthDay } from '../../../domain/rollover';
import { defineAction } from '../../core/action';
import { ROLLOVER_SETTING_ID, type RolloverSettingDoc } from './shared';

/** The city coordinator sets the day classes move up (MM-DD, China time; default 09-01). */
export const setDate = defineAction({
  name: 'rollover.setDate',
  input: z.object({
    monthDay: z.string({ required_error: '请填写升级日期。' }).refine(isMonthDay, '日期不对，请写成 09-01 这样的“月-日”。'),
  }).strict(),
  labels: { monthDay: '升级日期' },
  async handle({ monthDay }, ctx) {
    if (!coordinatedJurisdictions(ctx.caller!.roles).includes(CITY)) throw new AppError('FORBIDDEN', '升级日期由市级协调员设置。');
    const doc: RolloverSettingDoc = { _id: ROLLOVER_SETTING_ID, value: { monthDay }, updatedAt: ctx.clock.now().getTime(), updatedBy: ctx.caller!.userId };
    await ctx.store.collection<RolloverSettingDoc>('settings').put(doc);
    await ctx.audit({ action: 'rollover.setDate', subjectType: 'setting', subjectId: ROLLOVER_SETTING_ID, detail: { monthDay } });
    return { monthDay };
  },
});
