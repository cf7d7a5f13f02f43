import { z } from 'zod';
import { defineAction } from '../../core/action';
import { actorLabel, caseIdSchema, loadCase, requireAction, transition } from './access';

/** A lead unit takes the case on: the acknowledge deadline is met and the reporter sees someone is on it. */
export const acknowledge = defineAction({
  name: 'case.acknowledge',
  input: z.object({ id: caseIdSchema }).strict(),
  labels: { id: '案件编号' },
  async handle({ id }, ctx) {
    const l = await loadCase(ctx, id);
    requireAction(l, 'acknowledge');
    const actor = actorLabel(l);
    const c = await transition(ctx, l, 'acknowledge', {
      status: 'acknowledged',
      acknowledgedAt: l.now,
      firstAcknowledgedAt: l.c.firstAcknowledgedAt ?? l.now,
    }, {
      kind: 'acknowledged',
      text: `${actor}接手了这个案件`,
      reporterText: '已经有工作人员接手，正在处理。',
      actorName: actor,
    });
    return { id: c._id, status: c.status, acknowledgedAt: c.acknowledgedAt };
  },
});
