import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { CONSENT_PAGE, psychSchools, staffName } from './model';
import { OUTCOME_TEXT, type RightsRequestDoc } from './rights';

/** The psychology teacher answers a guardian's request; the answer is recorded and the guardian is told. */
export const answerRequest = defineAction({
  name: 'screening.answerRequest',
  input: z.object({
    id: z.string({ required_error: '缺少申请编号。' }).regex(/^rq-[A-Za-z0-9_-]{6,40}$/, '申请编号不对，请从列表重新打开。'),
    outcome: z.enum(['done', 'partly', 'declined'], { errorMap: () => ({ message: '请选择办理结果。' }) }),
    answer: z.string({ required_error: '请写给家长的答复。' }).trim().min(2, '请写给家长的答复。').max(1000, '答复最多1000个字。'),
  }).strict(),
  labels: { id: '申请', outcome: '办理结果', answer: '答复' },
  async handle({ id, outcome, answer }, ctx) {
    const col = ctx.store.collection<RightsRequestDoc>('screening_requests');
    const r = await col.get(id);
    if (!r) throw new AppError('NOT_FOUND', '没有找到这条申请。');
    if (!psychSchools(ctx.caller!.roles).includes(r.schoolId)) throw new AppError('FORBIDDEN', '这条申请不是您任职学校的，不能答复。');
    const byName = staffName(ctx.caller!.roles, 'psych_teacher');
    // Proven by test/reliability/sideEffects.test.ts (rights answer). The answer carries a mark of this request: a retry of it (after a crash between the answer and the
    // guardian's message, on CloudBase) finds its own answer and sends what is missing, instead of "already answered".
    const mark = ctx.newId('answer');
    const ownEarlierTry = r.status === 'answered' && r.answeredWith === mark;
    const now = ownEarlierTry ? r.answeredAt ?? ctx.clock.now().getTime() : ctx.clock.now().getTime();
    if (!ownEarlierTry) {
      const done = await col.updateIf(id, { status: 'open' }, {
        set: { status: 'answered', outcome, answer, answeredAt: now, answeredByName: byName, answeredBy: ctx.caller!.userId, answeredWith: mark },
      });
      if (!done) throw new AppError('CONFLICT', '这条申请已经答复过了。');
    }
    await ctx.outbox.send({
      channel: 'subscribe_message', to: r.byUserId, template: 'screening_request_answered', page: CONSENT_PAGE,
      data: { title: `您的申请${OUTCOME_TEXT[outcome]}`, tip: '请在小程序里查看心理老师的答复。' },
    });
    await ctx.audit({ action: 'screening.answerRequest', subjectType: 'student', subjectId: r.studentId, detail: { id, outcome } });
    return { id, status: 'answered' as const, outcome, answeredAt: now };
  },
});
