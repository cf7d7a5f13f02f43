import { z } from 'zod';
import { content } from '../../../content';
import { caseStats } from '../../../domain/case';
import { coordinatedJurisdictions, coordinatorName } from '../../../domain/jurisdiction';
import { chinaDayStart, isChinaDay } from '../../../domain/chinaTime';
import { CITY } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import type { Filter } from '../../store/types';
import type { CaseEventDoc } from './events';
import { categoryName, jurisdictionName, type CaseDoc } from './views';

const DAY_MS = 24 * 3600 * 1000;
const day = (what: string) => z.string({ invalid_type_error: `${what}的格式不对。` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}的格式不对，请重新选择日期。`)
  // A real calendar day: Date.parse takes 2026-02-31 as 3 March, so the day must read back as itself.
  .refine(isChinaDay, `${what}不是有效的日期，请重新选择。`);

/**
 * Numbers for a coordinator's area (their county, or the whole city):
 * reports by category, county and month, median time to acknowledge and to
 * resolve, and how many are open, overdue or escalated. `from` and `to` are
 * China-time calendar days, both included; cases count by the day they
 * were submitted.
 */
export const stats = defineAction({
  name: 'case.stats',
  input: z.object({ from: day('开始日期').optional(), to: day('结束日期').optional() }).strict(),
  labels: { from: '开始日期', to: '结束日期' },
  async handle({ from, to }, ctx) {
    const areas = coordinatedJurisdictions(ctx.caller!.roles);
    const fromMs = from ? chinaDayStart(from) : undefined;
    const toMs = to ? chinaDayStart(to) + DAY_MS : undefined;
    if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) throw new AppError('BAD_INPUT', '开始日期不能晚于结束日期。');

    const filter: Filter = {};
    if (!areas.includes(CITY)) filter.jurisdiction = { $in: areas };
    if (fromMs !== undefined && toMs !== undefined) filter.createdAt = { $gte: fromMs, $lt: toMs };
    else if (fromMs !== undefined) filter.createdAt = { $gte: fromMs };
    else if (toMs !== undefined) filter.createdAt = { $lt: toMs };
    const cases = await ctx.store.collection<CaseDoc>('cases').find(filter);

    const s = caseStats(cases, ctx.clock.now().getTime());
    // Someone locked out of a case for guessing its secret (reporterAccess.ts): how often, never who.
    const ids = new Set(cases.map((c) => c._id));
    const guessed = (await ctx.store.collection<CaseEventDoc>('case_events').find({ kind: 'secret_guessed' })).filter((e) => ids.has(e.caseId));
    const byCount = (a: { count: number }, b: { count: number }) => b.count - a.count;
    return {
      area: areas.includes(CITY) ? [CITY] : areas,
      areaName: (areas.includes(CITY) ? [CITY] : areas).map((a) => coordinatorName(content.catalog, a).replace(/平安办$/, '')).join('、'),
      from: from ?? null,
      to: to ?? null,
      total: s.total,
      byCategory: Object.entries(s.byCategory).map(([category, count]) => ({ category, name: categoryName(category), count })).sort(byCount),
      byCounty: Object.entries(s.byCounty).map(([jurisdiction, count]) => ({ jurisdiction, name: jurisdictionName(jurisdiction), count })).sort(byCount),
      byMonth: Object.entries(s.byMonth).map(([month, count]) => ({ month, count })).sort((a, b) => a.month.localeCompare(b.month)),
      medianMsToAcknowledge: s.medianMsToAcknowledge,
      medianMsToResolve: s.medianMsToResolve,
      open: s.open,
      overdue: s.overdue,
      escalated: s.escalated,
      /** lock-outs of someone guessing a case's secret, and on how many cases */
      secretGuessing: { lockouts: guessed.length, cases: new Set(guessed.map((e) => e.caseId)).size },
    };
  },
});
