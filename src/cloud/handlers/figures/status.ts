import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import {
  coordinatorAreas, countyName, deptName, dueAtOf, monthSchema, RETURN_KINDS, returnsOf,
} from '../targets/returns';

/**
 * For a coordinator: every return their area owes for the month, filed (on
 * time or late), missing, or overdue (missing after the deadline), with the
 * department that owes it. Counts are not shown here (the desk shows them).
 */
export const status = defineAction({
  name: 'figures.status',
  input: z.object({ month: monthSchema }).strict(),
  labels: { month: '月份' },
  async handle({ month }, ctx) {
    const areas = coordinatorAreas(ctx.caller!.roles);
    if (!areas.length) throw new AppError('FORBIDDEN', '只有平安办协调员可以查看月报报送情况。');
    const now = ctx.clock.now().getTime();
    const dueAt = dueAtOf(month);
    const filed = new Map((await returnsOf(ctx.store, [month], areas)).map((r) => [`${r.countyId}|${r.deptKind}`, r]));
    const rows = areas.flatMap((countyId) => RETURN_KINDS.map((kind) => {
      const r = filed.get(`${countyId}|${kind}`);
      const state = r ? (r.late ? 'late' : 'filed') : now > dueAt ? 'overdue' : 'missing';
      return {
        countyId, countyName: countyName(countyId), deptKind: kind, deptName: deptName(countyId, kind), state,
        filedAt: r?.firstFiledAt ?? null, version: r?.version ?? 0,
      };
    }));
    await ctx.audit({ action: 'figures.status', subjectType: 'month', subjectId: month, detail: { areas } });
    return {
      month, dueAt, rows,
      missing: rows.filter((r) => r.state === 'missing' || r.state === 'overdue').length,
      late: rows.filter((r) => r.state === 'late').length,
    };
  },
});
