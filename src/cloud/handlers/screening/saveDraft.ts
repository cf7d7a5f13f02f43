import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { dir } from '../../core/directory';
import { defineAction } from '../../core/action';
import { answersSchema, requireAnswerable } from './answering';
import { campaignIdSchema, campaignInstruments, responseId } from './model';
import { raiseAlert } from './submit';
import { draftUrgency } from '../../../domain/screening';

/**
 * Keeps the answers so far on the server, so the questionnaire continues on
 * another phone. Partial answers are fine; unknown items or values are not.
 */
export const saveDraft = defineAction({
  name: 'screening.saveDraft',
  input: z.object({ campaignId: campaignIdSchema, answers: answersSchema }).strict(),
  labels: { campaignId: '测评', answers: '回答' },
  async handle({ campaignId, answers }, ctx) {
    const { s, c, now } = await requireAnswerable(ctx, campaignId, answers, 'partial');
    const id = responseId(c._id, s.id);
    if (await ctx.store.collection('screening_responses').get(id)) throw new AppError('CONFLICT', '你已经完成了这次问卷，不需要再保存。');
    await ctx.store.collection('screening_drafts').put({ _id: id, campaignId, studentId: s.id, answers, updatedAt: now });
    // A critical answer must reach a trained adult even if the student never presses 提交.
    const urgent = draftUrgency(campaignInstruments(c), answers);
    if (urgent) {
      await raiseAlert(ctx, { _id: id, campaignId, studentId: s.id, schoolId: s.schoolId, countyId: (await dir(ctx).countyOfSchool(s.schoolId)) ?? 'city' }, urgent.urgency, urgent.reasons, now);
    }
    return { savedAt: now };
  },
});
