import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { mayAnswer } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import { myClasses } from './completion';
import { campaignIdSchema, consentOf, getStudent, isOpenAt, loadCampaign, responseId, studentIdSchema } from './model';

/**
 * A private reminder from the class teacher to one student who has not
 * finished: only that student sees it, on their screening page. Nobody is
 * named in front of the class.
 */
export const nudge = defineAction({
  name: 'screening.nudge',
  input: z.object({ campaignId: campaignIdSchema, studentId: studentIdSchema }).strict(),
  labels: { campaignId: '测评', studentId: '学生' },
  async handle({ campaignId, studentId }, ctx) {
    const c = await loadCampaign(ctx.store, campaignId);
    const s = await getStudent(ctx.store, studentId);
    if (!s || !(await myClasses(ctx, c)).includes(s.classId)) throw new AppError('FORBIDDEN', '只能提醒自己班上参加这次测评的学生。');
    const now = ctx.clock.now().getTime();
    if (!isOpenAt(c, now)) throw new AppError('CONFLICT', '这次测评现在没有开放，不需要提醒。');
    const id = responseId(campaignId, studentId);
    if (await ctx.store.collection('screening_responses').get(id)) throw new AppError('CONFLICT', '这名学生已经完成了，不需要提醒。');
    if (!mayAnswer((await consentOf(ctx.store, c, s, now)).state)) {
      throw new AppError('CONFLICT', '这名学生还没有家长同意（或家长不同意参加），不能提醒学生作答。可以提醒家长办理同意。');
    }
    await ctx.store.collection('screening_nudges').put({ _id: id, campaignId, studentId, at: now, byUserId: ctx.caller!.userId });
    await ctx.audit({ action: 'screening.nudge', subjectType: 'student', subjectId: studentId, detail: { campaignId } });
    return { studentId, nudgedAt: now };
  },
});
