import { z } from 'zod';
import { RESOLVE_WITHIN_MS } from '../../../domain/case';
import { unitKey } from '../../../domain/report';
import { defineAction } from '../../core/action';
import { notifyUnits } from './notify';
import { actorLabel, caseIdSchema, loadCase, requireAction, transition } from './access';

/**
 * Reopens a resolved case (new facts, a coordinator's review). It goes back
 * to 'acknowledged' with a fresh resolve deadline; the old disposition is
 * cleared but stays in the timeline.
 */
export const reopen = defineAction({
  name: 'case.reopen',
  input: z.object({
    id: caseIdSchema,
    reason: z.string({ required_error: '请写一下重新打开的原因。', invalid_type_error: '请写一下重新打开的原因。' })
      .trim().min(2, '请写一下重新打开的原因，至少2个字。').max(500, '原因最多500个字。'),
  }).strict(),
  labels: { id: '案件编号', reason: '重新打开的原因' },
  async handle({ id, reason }, ctx) {
    const l = await loadCase(ctx, id);
    requireAction(l, 'reopen');
    const actor = actorLabel(l);
    const c = await transition(ctx, l, 'reopen', {
      status: 'acknowledged',
      resolvedAt: null,
      disposition: null,
      summary: null,
      resolveDueAt: l.now + RESOLVE_WITHIN_MS[l.c.priority],
    }, {
      kind: 'reopened',
      text: `${actor}重新打开了案件。原因：${reason}`,
      reporterText: '案件已重新打开，工作人员会继续处理。',
      actorName: actor,
    });
    await notifyUnits(ctx, c, c.lead.map(unitKey), 'case_reopened');
    return { id: c._id, status: c.status, resolveDueAt: c.resolveDueAt };
  },
});
