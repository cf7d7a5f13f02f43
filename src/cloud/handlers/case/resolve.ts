import { z } from 'zod';
import { content } from '../../../content';
import { DISPOSITIONS } from '../../../domain/report';
import { defineAction } from '../../core/action';
import { actorLabel, caseIdSchema, loadCase, requireAction, transition } from './access';
import { notifyReporter } from './notify';
import { reporterYou } from './views';

/**
 * Closes the case with a disposition. The reporter sees the disposition in
 * plain words; the summary is for staff (it may name people and evidence).
 */
export const resolve = defineAction({
  name: 'case.resolve',
  input: z.object({
    id: caseIdSchema,
    disposition: z.enum(DISPOSITIONS, { errorMap: () => ({ message: '请选择处理结果。' }) }),
    summary: z.string({ required_error: '请写一下处理情况。', invalid_type_error: '请写一下处理情况。' })
      .trim().min(5, '请把处理情况写清楚一些，至少5个字。').max(2000, '处理情况最多2000个字。'),
  }).strict(),
  labels: { id: '案件编号', disposition: '处理结果', summary: '处理情况' },
  async handle({ id, disposition, summary }, ctx) {
    const l = await loadCase(ctx, id);
    requireAction(l, 'resolve');
    const actor = actorLabel(l);
    const name = content.reportVocabulary.dispositions[disposition];
    const c = await transition(ctx, l, 'resolve', { status: 'resolved', resolvedAt: l.now, disposition, summary }, {
      kind: 'resolved',
      text: `${actor}办结了案件：${name}。处理情况：${summary}`,
      reporterText: `已经处理完了：${name}。谢谢${reporterYou(l.c)}的信任。如果还有新情况，可以继续留言。`,
      actorName: actor,
    });
    await notifyReporter(ctx, c, 'case_resolved');
    return { id: c._id, status: c.status, resolvedAt: c.resolvedAt, disposition: c.disposition };
  },
});
