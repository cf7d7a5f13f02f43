import { z } from 'zod';
import { defineAction } from '../../core/action';
import {
  countyIdSchema, countyName, dueAtOf, figuresOf, filingDept, monthSchema, requireFileableMonth, returnId,
  type ReturnDoc, type ReturnHistoryDoc,
} from '../targets/returns';

/**
 * The month's return form for the caller's department in that county: the
 * figures its kind files (from the targets data), what is filed so far, the
 * deadline and the corrections (who, when, why).
 */
export const form = defineAction({
  name: 'figures.form',
  input: z.object({ countyId: countyIdSchema, month: monthSchema }).strict(),
  labels: { countyId: '县（区）', month: '月份' },
  async handle({ countyId, month }, ctx) {
    const dept = filingDept(ctx.caller!.roles, countyId);
    requireFileableMonth(month, ctx.clock.now().getTime());
    const id = returnId(countyId, dept.kind, month);
    const doc = await ctx.store.collection<ReturnDoc>('figure_returns').get(id);
    const history = await ctx.store.collection<ReturnHistoryDoc>('figure_history').find({ returnId: id }, { orderBy: [['version', 'asc']] });
    return {
      countyId, countyName: countyName(countyId), month, deptId: dept.deptId, deptName: dept.name,
      dueAt: dueAtOf(month),
      figures: figuresOf(dept.kind).map((f) => ({ id: f.id, label: f.label, unit: f.unit, help: f.help ?? null, kind: f.kind, value: doc?.values[f.id] ?? null })),
      filed: doc ? { version: doc.version, note: doc.note, filedAt: doc.filedAt, filedByName: doc.filedByName, firstFiledAt: doc.firstFiledAt, late: doc.late } : null,
      corrections: history.map((h) => ({
        version: h.version, values: h.values, filedByName: h.filedByName, filedAt: h.filedAt,
        replacedByName: h.replacedByName, replacedAt: h.replacedAt, reason: h.reason,
      })),
    };
  },
});
