import { z } from 'zod';
import { content } from '../../../content';
import { CITY } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { requireDeskArea } from './access';
import { countyIdSchema } from './returns';
import { deskDirectory } from './directory';
import { appDetail, figureDetail, memoStore } from './metrics';
import { periodInput, resolvePeriod } from './overview';

/**
 * One target one level down: the city → counties, a county → schools (every
 * school, one with no campaign at 0 %), a school → classes; reported targets
 * stop at counties (a county's detail is its months). Coverage figures only,
 * never a person; cells under 5 children withheld with their complements.
 */
export const detail = defineAction({
  name: 'targets.detail',
  input: z.object({
    id: z.string({ required_error: '请选择一个目标。' }).max(40, '没有这个目标。'),
    countyId: countyIdSchema.optional(),
    schoolId: z.string().max(64, '学校不对。').optional(),
    ...periodInput,
  }).strict(),
  labels: { id: '目标', countyId: '县（区）', schoolId: '学校', from: '开始月份', to: '结束月份', schoolYear: '学年' },
  async handle(input, ctx) {
    const t = content.targets.TARGETS.find((x) => x.id === input.id);
    if (!t) throw new AppError('NOT_FOUND', '没有这个目标，请返回目标看板重新选择。');
    let asked = input.countyId;
    const desk = await deskDirectory(ctx);
    if (input.schoolId) {
      const school = desk.school(input.schoolId);
      if (!school) throw new AppError('NOT_FOUND', '没有找到这所学校。');
      if (t.source.kind !== 'app') throw new AppError('BAD_INPUT', '这个目标由部门按县（区）填报，没有分学校的数字。');
      asked = school.countyId;
      if (input.countyId && input.countyId !== asked) throw new AppError('BAD_INPUT', '这所学校不在所选的县（区）。');
    }
    const { area } = await requireDeskArea(ctx, 'targets.detail', asked);
    const now = ctx.clock.now().getTime();
    const period = resolvePeriod(input, now);
    const c = { store: memoStore(ctx.store), dir: desk, now };
    const level = input.schoolId ? { kind: 'school' as const, id: input.schoolId }
      : area === CITY ? { kind: 'city' as const, id: CITY } : { kind: 'county' as const, id: area };
    const out = t.source.kind === 'app'
      ? await appDetail(c, t.source.metric, level, period)
      : await figureDetail(c, t, level.kind === 'city' ? CITY : level.id, period);
    await ctx.audit({ action: 'targets.detail', subjectType: 'target', subjectId: t.id, detail: { level: level.kind, id: level.id } });
    return { id: t.id, name: t.name, unit: t.unit, level: level.kind, levelId: level.id, ...out, suppressBelow: 5 };
  },
});
