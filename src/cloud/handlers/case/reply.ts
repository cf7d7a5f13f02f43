import { z } from 'zod';
import { defineAction } from '../../core/action';
import { appendEvent } from './events';
import { actorLabel, caseIdSchema, loadCase, requireAction } from './access';
import { notifyReporter } from './notify';

/**
 * A message to the reporter. The reporter sees the text and that it came
 * from the handler, never who wrote it (the actor stays on the staff side).
 */
export const reply = defineAction({
  name: 'case.reply',
  input: z.object({
    id: caseIdSchema,
    text: z.string({ required_error: '请写下要回复的内容。', invalid_type_error: '请写下要回复的内容。' })
      .trim().min(1, '请写下要回复的内容。').max(1000, '一次最多回复1000个字。'),
  }).strict(),
  labels: { id: '案件编号', text: '回复内容' },
  async handle({ id, text }, ctx) {
    const l = await loadCase(ctx, id);
    requireAction(l, 'reply');
    const actor = actorLabel(l);
    const e = await appendEvent(ctx.store, ctx.clock, {
      caseId: id, kind: 'reply', text, reporterText: text, actorId: ctx.caller!.userId, actorName: actor, requestKey: ctx.newId('event'),
    });
    await notifyReporter(ctx, l.c, 'case_reply');
    await ctx.audit({ action: 'case.reply', subjectType: 'case', subjectId: id });
    return { id, at: e.at };
  },
});
