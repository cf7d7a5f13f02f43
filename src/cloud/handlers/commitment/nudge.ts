import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { dayText } from '../../../domain/letter';
import { defineAction } from '../../core/action';
import { CAMPAIGN_ID, isSigningOpen, today } from '../holiday/shared';
import { enqueueReminders, unsentCount, HOLIDAY_PAGE } from '../holiday/reminders';
import { classView } from './classView';

/**
 * A private reminder from the class teacher to the guardians of children
 * nobody has signed for yet (all of the class, or the children named): a
 * message to each of them alone, never a list in a group. At most one a
 * guardian a day.
 */
export const nudge = defineAction({
  name: 'commitment.nudge',
  input: z.object({
    campaignId: z.string({ required_error: '缺少告家长书编号，请返回刷新。' }).regex(CAMPAIGN_ID, '告家长书编号不对，请返回刷新后再试。'),
    studentIds: z.array(z.string().max(64)).max(100, '一次最多提醒100个孩子的家长。').optional(),
  }).strict(),
  labels: { campaignId: '告家长书', studentIds: '孩子' },
  async handle({ campaignId, studentIds }, ctx) {
    const v = await classView(ctx, campaignId);
    const day = today(ctx.clock.now());
    if (!isSigningOpen(v.campaign, day)) throw new AppError('CONFLICT', '这份告家长书现在不在签署时间内，不需要提醒。');
    const inClass = new Set(v.items.map((i) => i.studentId));
    const unknown = (studentIds ?? []).filter((id) => !inClass.has(id));
    if (unknown.length) throw new AppError('FORBIDDEN', '只能提醒本班孩子的家长。');
    // Only children nobody has signed for yet: the class counts a child as signed once one guardian has, and the
    // button names those children; a second guardian is asked by the letter itself, not by the teacher.
    const chosen = v.items.filter((i) => !i.signed && (!studentIds || studentIds.includes(i.studentId)));
    const guardians = [...new Set(chosen.flatMap((i) => i.unsignedGuardianIds))];
    const rows = guardians.map((userId) => ({
      campaignId: v.campaign.id, kind: `teacher_nudge:${day}`, userId,
      message: {
        template: 'holiday_nudge', page: HOLIDAY_PAGE,
        data: { title: `${v.campaign.name}告家长书`, due: `${dayText(v.campaign.start)}放假`, tip: '班主任提醒您：请看一看告家长书并签署。' },
      },
    }));
    // counted before writing, as the first attempt saw it: a retry after a crash (faultsCloudbase.test.ts) part-way finds some already queued
    const sent = await ctx.keepFirst(await unsentCount(ctx.store, rows));
    await enqueueReminders(ctx.store, rows, ctx.clock.now().getTime());
    await ctx.audit({ action: 'commitment.nudge', subjectType: 'class', subjectId: v.classId, detail: { campaignId: v.campaign.id, sent } });
    return {
      nudged: sent,
      alreadyToday: guardians.length - sent,
      noGuardianLinked: chosen.filter((i) => i.guardiansLinked === 0).length,
    };
  },
});
