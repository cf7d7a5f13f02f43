import { z } from 'zod';
import { content } from '../../../content';
import { CITY } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { NO_FIGURES_FOR_SCHOOLS, requireDeskScope } from './access';
import { countyIdSchema } from './returns';
import { deskDirectory } from './directory';
import { appDetail, figureDetail, memoStore } from './metrics';
import { periodInput, resolvePeriod, schoolIdInput } from './overview';

/**
 * One target one level down: the city → counties, a county → schools (every
 * open school, one with no campaign at 0 %), a school → classes; reported
 * targets stop at counties (a county's detail is its months). Coverage
 * figures only, never a person; cells under 5 children withheld with their
 * complements. A school leader gets their school's classes.
 */
export const detail = defineAction({
  name: 'targets.detail',
  input: z.object({
    id: z.string({ required_error: '请选择一个目标。' }).max(40, '没有这个目标。'),
    countyId: countyIdSchema.optional(),
    schoolId: schoolIdInput.optional(),
    ...periodInput,
  }).strict(),
  labels: { id: '目标', countyId: '县（区）', schoolId: '学校', from: '开始月份', to: '结束月份', schoolYear: '学年' },
  async handle(input, ctx) {
    const t = content.targets.TARGETS.find((x) => x.id === input.id);
    if (!t) throw new AppError('NOT_FOUND', '没有这个目标，请返回目标看板重新选择。');
    if (input.schoolId && t.source.kind !== 'app') throw new AppError('BAD_INPUT', '这个目标由部门按县（区）填报，没有分学校的数字。');
    const desk = await deskDirectory(ctx);
    const scope = await requireDeskScope(ctx, 'targets.detail', input, desk);
    if (scope.kind === 'school' && t.source.kind !== 'app') {
      // a school leader without an area asked for a department's figure
      await ctx.audit({ action: 'targets.detail.denied', subjectType: 'target', subjectId: t.id, detail: { schoolId: scope.school.id } });
      throw new AppError('FORBIDDEN', NO_FIGURES_FOR_SCHOOLS);
    }
    const now = ctx.clock.now().getTime();
    const period = resolvePeriod(input, now);
    const c = { store: memoStore(ctx.store), dir: desk, now };
    const level = scope.kind === 'school' ? { kind: 'school' as const, id: scope.school.id }
      : scope.area === CITY ? { kind: 'city' as const, id: CITY } : { kind: 'county' as const, id: scope.area };
    const out = t.source.kind === 'app'
      ? await appDetail(c, t.source.metric, level, period)
      : await figureDetail(c, t, level.kind === 'city' ? CITY : level.id, period);
    await ctx.audit({ action: 'targets.detail', subjectType: 'target', subjectId: t.id, detail: { level: level.kind, id: level.id } });
    return { id: t.id, name: t.name, unit: t.unit, level: level.kind, levelId: level.id, ...out, suppressBelow: 5 };
  },
});
