import { z } from 'zod';
import { chinaDay } from '../../../domain/chinaTime';
import { AppError } from '../../../domain/errors';
import { mayAnswer } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import { sha256 } from '../../core/crypto';
import { myClasses } from './completion';
import {
  campaignIdSchema, CONSENT_PAGE, consentOf, getStudent, isOpenAt, loadCampaign, responseId, studentIdSchema, type CampaignDoc,
} from './model';

/** Nudges of guardians sit beside the student's, under their own id: the student's page reads only its own. */
const guardianNudgeId = (campaignId: string, studentId: string) => `${responseId(campaignId, studentId)}:guardians`;

/**
 * Reminds the guardians of a child whose consent is still awaited: one
 * message to each linked guardian, at most once a day (the message id holds
 * the day). Never after a "不同意": a decline is the family's answer, and a
 * reminder would press them to change it.
 */
async function remindGuardians(ctx: Ctx, c: CampaignDoc, studentId: string, now: number) {
  const links = await ctx.store.collection<{ _id: string; userId: string; studentId: string }>('guardianships').find({ studentId });
  if (!links.length) throw new AppError('CONFLICT', '这名学生还没有绑定家长，请先把家长邀请码发给家长。');
  const day = chinaDay(now);
  for (const l of links) {
    await ctx.outbox.send({
      channel: 'subscribe_message', to: l.userId, template: 'screening_consent_needed', page: CONSENT_PAGE,
      data: { title: '班主任提醒：学校的心理测评需要您同意或不同意', due: `${c.closesOn} 截止` },
    }, { id: 'scr-remind:' + sha256(`${c._id}:${studentId}:${l.userId}:${day}`).slice(0, 32) });
  }
  await ctx.store.collection('screening_nudges').put({ _id: guardianNudgeId(c._id, studentId), campaignId: c._id, studentId, at: now, byUserId: ctx.caller!.userId, to: 'guardians' });
  await ctx.audit({ action: 'screening.nudge', subjectType: 'student', subjectId: studentId, detail: { campaignId: c._id, to: 'guardians' } });
  return { studentId, nudgedAt: now, to: 'guardians' as const, guardians: links.length };
}

/**
 * A private reminder from the class teacher: to a student who has not
 * finished (only that student sees it, on their screening page; nobody is
 * named in front of the class), or, while the consent is still awaited, to
 * the child's guardians.
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
    const state = (await consentOf(ctx.store, c, s, now)).state;
    if (state === 'needed') return remindGuardians(ctx, c, studentId, now);
    if (!mayAnswer(state)) throw new AppError('CONFLICT', '家长选择了不参加，我们尊重家庭的决定，不再提醒。');
    await ctx.store.collection('screening_nudges').put({ _id: id, campaignId, studentId, at: now, byUserId: ctx.caller!.userId });
    await ctx.audit({ action: 'screening.nudge', subjectType: 'student', subjectId: studentId, detail: { campaignId } });
    return { studentId, nudgedAt: now, to: 'student' as const };
  },
});
