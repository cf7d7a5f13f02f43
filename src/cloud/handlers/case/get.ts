import { z } from 'zod';
import { canRead, canReadFull, caseNumber } from '../../../domain/case';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { photoUrls } from '../../media/uploadRecords';
import { eventsOf } from './events';
import { caseIdSchema, loadCase } from './access';
import { lastRead, markRead } from './reads';
import { fullView, reporterView } from './views';

/**
 * One case, for the people DESIGN.md §7 lets see it: its lead and informed
 * units, a coordinator of its area once it is escalated or overdue, and the
 * filer of a mandatory report (who gets the reporter's view). Every read,
 * and every refused attempt, is in the audit log (逐案倒查).
 */
/** Refused reads one staff member may make (each an audit row) per hour. */
export const DENIED_PER_HOUR = 30;

export const get = defineAction({
  name: 'case.get',
  input: z.object({ id: caseIdSchema }).strict(),
  labels: { id: '案件编号' },
  async handle({ id }, ctx) {
    const l = await loadCase(ctx, id);
    if (!canRead(l.access)) {
      // Every refusal is audited, but not without end: past DENIED_PER_HOUR a caller probing case ids
      // is refused as rate-limited without a row each (the rows so far already show the probing).
      await ctx.rateLimit('case.get.denied', DENIED_PER_HOUR, 3600_000);
      await ctx.audit({ action: 'case.get.denied', subjectType: 'case', subjectId: id });
      throw new AppError('FORBIDDEN', '这个案件不归您所在的单位处理，您不能查看。');
    }
    await ctx.audit({ action: 'case.get', subjectType: 'case', subjectId: id });
    const events = await eventsOf(ctx.store, id);
    if (!canReadFull(l.access)) {
      // The filer of a mandatory report: the reporter's view, with the case number instead of a tracking code.
      const { trackingCode: _code, ...view } = reporterView(l.c, events);
      return { view: 'reporter' as const, id, caseNumber: caseNumber(l.c), ...view };
    }
    const photos = await photoUrls(ctx.store, ctx.platform.blobs, l.c.photoIds, l.now);
    const readAt = await lastRead(ctx.store, ctx.caller!.userId, id);
    await markRead(ctx.store, ctx.caller!.userId, id, l.now);
    return { view: 'full' as const, ...fullView(l.c, events, l.access, ctx.caller!.userId, l.bindings, l.now, photos, readAt) };
  },
});
