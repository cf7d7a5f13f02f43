import { z } from 'zod';
import { content } from '../../../content';
import { AppError } from '../../../domain/errors';
import { chinaDay } from '../../../domain/chinaTime';
import { MONTH, monthIndex, schoolYearMonths } from '../../../domain/targets';
import { defineAction } from '../../core/action';
import { repairTallies } from '../../core/tally';
import { requireDeskScope } from './access';
import { countyIdSchema } from './returns';
import { countyName, deskDirectory } from './directory';
import { evaluateTarget, memoStore, schoolScope, scopeOf, targetsFor, type Period } from './metrics';
import { CITY } from '../../../domain/catalog';

const monthField = (label: string) => z.string({ invalid_type_error: `${label}不对。` }).regex(MONTH, `${label}的格式是 2026-03 这样的年-月。`).optional();

export const periodInput = {
  from: monthField('开始月份'),
  to: monthField('结束月份'),
  schoolYear: z.string({ invalid_type_error: '学年不对。' }).regex(/^20\d\d-20\d\d$/, '学年的格式是 2025-2026。')
    .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, '学年要是相连的两年，例如 2025-2026。').optional(),
};

/** The period asked for, checked: whole months, from ≤ to, at most 3 years, not after this month (a school year is clipped to it). */
export function resolvePeriod(p: { from?: string; to?: string; schoolYear?: string }, now: number): Period {
  const current = chinaDay(now).slice(0, 7);
  let from: string;
  let to: string;
  if (p.schoolYear) {
    if (p.from || p.to) throw new AppError('BAD_INPUT', '请选择学年，或选择开始和结束月份，不要同时选。');
    ({ from, to } = schoolYearMonths(p.schoolYear));
    if (monthIndex(from) > monthIndex(current)) throw new AppError('BAD_INPUT', '这个学年还没开始。');
    if (monthIndex(to) > monthIndex(current)) to = current;
  } else {
    to = p.to ?? current;
    from = p.from ?? `${to.slice(0, 4)}-01`;
  }
  if (monthIndex(from) > monthIndex(to)) throw new AppError('BAD_INPUT', '开始月份不能晚于结束月份。');
  if (monthIndex(to) > monthIndex(current)) throw new AppError('BAD_INPUT', '结束月份不能晚于本月。');
  if (monthIndex(to) - monthIndex(from) >= 36) throw new AppError('BAD_INPUT', '一次最多看 36 个月。');
  if (monthIndex(from) < monthIndex('2022-01')) throw new AppError('BAD_INPUT', '最早只能从 2022 年 1 月看起（行动方案前一年）。');
  return { from, to };
}

/** The school id a desk request may name (a school leader's own, or one in a coordinator's area). */
export const schoolIdInput = z.string({ invalid_type_error: '学校不对。' }).min(1, '学校不对。').max(64, '学校不对。');

const areaName = (id: string) => (id === CITY ? content.catalog.cityName : countyName(id));

/**
 * The plan's targets for the caller's area (or a county of it, or one of its
 * schools; a school leader's own school) over a period: value, target, last
 * year's value, status with its rule, and the trend over the plan's years.
 * Counts of children under 5 are withheld ("<5"). A school's view holds the
 * app-counted targets only (the departments' figures are county counts).
 */
export const overview = defineAction({
  name: 'targets.overview',
  input: z.object({ ...periodInput, countyId: countyIdSchema.optional(), schoolId: schoolIdInput.optional() }).strict(),
  labels: { from: '开始月份', to: '结束月份', schoolYear: '学年', countyId: '县（区）', schoolId: '学校' },
  async handle(input, ctx) {
    const desk = await deskDirectory(ctx);
    const scope = await requireDeskScope(ctx, 'targets.overview', input, desk);
    const now = ctx.clock.now().getTime();
    const period = resolvePeriod(input, now);
    await repairTallies(ctx.store, now);
    const c = { store: memoStore(ctx.store), dir: desk, now };
    const area = scope.kind === 'area' ? scope.area : scope.school.countyId;
    const s = scope.kind === 'area' ? scopeOf(desk, area) : schoolScope(scope.school);
    const targets = [];
    for (const t of targetsFor(scope)) targets.push(await evaluateTarget(c, t, s, period));
    await ctx.audit({ action: 'targets.overview', subjectType: scope.kind === 'area' ? 'area' : 'school', subjectId: s.area, detail: { ...period } });
    return {
      area: { id: area, name: areaName(area) },
      ...(scope.kind === 'school' ? { school: { id: scope.school.id, name: scope.school.name } } : {}),
      areas: scope.areas.map((id) => ({ id, name: areaName(id) })),
      counties: scope.kind === 'area' && area === CITY ? s.countyIds.map((id) => ({ id, name: countyName(id) })) : [],
      period,
      targets,
      suppressBelow: 5,
    };
  },
});
