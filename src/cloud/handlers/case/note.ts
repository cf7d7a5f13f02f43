import { z } from 'zod';
import { defineAction } from '../../core/action';
import { appendEvent } from './events';
import { actorLabel, caseIdSchema, loadCase, requireAction } from './access';

/** An internal note: staff only, never shown to the reporter. */
export const note = defineAction({
  name: 'case.note',
  input: z.object({
    id: caseIdSchema,
    text: z.string({ required_error: '请写下备注内容。', invalid_type_error: '请写下备注内容。' })
      .trim().min(1, '请写下备注内容。').max(2000, '备注最多2000个字。'),
  }).strict(),
  labels: { id: '案件编号', text: '备注' },
  async handle({ id, text }, ctx) {
    const l = await loadCase(ctx, id);
    requireAction(l, 'note');
    const actor = actorLabel(l);
    const e = await appendEvent(ctx.store, ctx.clock, {
      caseId: id, kind: 'note', text, reporterText: null, requestKey: ctx.newId('event'), actorId: ctx.caller!.userId, actorName: actor,
    });
    await ctx.audit({ action: 'case.note', subjectType: 'case', subjectId: id });
    return { id, at: e.at };
  },
});
