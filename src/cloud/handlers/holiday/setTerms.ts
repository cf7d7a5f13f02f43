import { z } from 'zod';
import { content } from '../../../content';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { CITY } from '../../../domain/catalog';
import { AppError, isAppError } from '../../../domain/errors';
import { isDay, type BreakOverride, type TermSettings } from '../../../domain/holiday';
import { defineAction } from '../../core/action';
import { TERMS_SETTING_ID, type TermsDoc } from './shared';

const day = (what: string) => z.string({ required_error: `请填写${what}。` }).refine(isDay, `${what}不是有效的日期（格式：2027-01-16）。`);

/**
 * A coordinator sets a break's term dates for the city (city coordinator) or
 * for one county (that county's coordinator, or the city's). The county's
 * dates win over the city's, which win over the defaults in the calendar.
 */
export const setTerms = defineAction({
  name: 'holiday.setTerms',
  input: z.object({
    scope: z.string({ required_error: '请选择适用范围。' }).max(32),
    key: z.enum(['winter_break', 'summer_break'], { errorMap: () => ({ message: '请选择寒假或暑假。' }) }),
    year: z.number({ invalid_type_error: '年份不对。' }).int().min(2025, '年份不对。').max(2100, '年份不对。'),
    start: day('放假日期'),
    end: day('假期最后一天'),
    resume: day('开学日期'),
  }).strict(),
  labels: { scope: '适用范围', key: '假期', year: '年份', start: '放假日期', end: '假期最后一天', resume: '开学日期' },
  async handle(input, ctx) {
    const areas = coordinatedJurisdictions(ctx.caller!.roles);
    const isCounty = content.catalog.counties.some((c) => c.id === input.scope);
    if (input.scope !== CITY && !isCounty) throw new AppError('BAD_INPUT', '适用范围不对，请选择全市或一个县（区）。');
    if (!areas.includes(CITY) && !areas.includes(input.scope)) throw new AppError('FORBIDDEN', '您只能设置自己所辖县（区）的放假时间。');
    if (!(input.start <= input.end && input.end < input.resume)) throw new AppError('BAD_INPUT', '日期前后不对：放假日期不能晚于假期最后一天，开学要在假期之后。');
    if (Number(input.start.slice(0, 4)) !== input.year) throw new AppError('BAD_INPUT', '放假日期的年份要和所选年份一致。');

    const override: BreakOverride = { key: input.key, year: input.year, start: input.start, end: input.end, resume: input.resume };
    const settings = ctx.store.collection<TermsDoc>('settings');
    const replace = (list: BreakOverride[] = []) => [...list.filter((o) => !(o.key === input.key && o.year === input.year)), override];
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await settings.get(TERMS_SETTING_ID);
      const value: TermSettings = doc?.value ?? {};
      const next: TermSettings = input.scope === CITY
        ? { ...value, city: replace(value.city) }
        : { ...value, counties: { ...value.counties, [input.scope]: replace(value.counties?.[input.scope]) } };
      // the same dates again (a retry after a crash: faultsCloudbase.test.ts; or a second tap) change nothing, not even the version
      if (doc && JSON.stringify(doc.value) === JSON.stringify(next)) return { scope: input.scope, override };
      const patch = { value: next, version: (doc?.version ?? 0) + 1, updatedAt: ctx.clock.now().getTime(), updatedBy: ctx.caller!.userId };
      if (!doc) {
        try {
          await settings.insert({ _id: TERMS_SETTING_ID, ...patch });
          return { scope: input.scope, override };
        } catch (e) {
          if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
          continue;
        }
      }
      if (await settings.updateIf(TERMS_SETTING_ID, { version: doc.version }, { set: patch })) return { scope: input.scope, override };
    }
    throw new AppError('CONFLICT', '刚才有人同时在修改放假时间，请刷新后再试。');
  },
});
