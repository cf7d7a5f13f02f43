import { z } from 'zod';
import { defineAction } from '../../core/action';
import { CAMPAIGN_ID } from '../holiday/shared';
import { classView } from './classView';

export const campaignInput = z.object({
  campaignId: z.string({ required_error: '缺少告家长书编号，请返回刷新。' }).regex(CAMPAIGN_ID, '告家长书编号不对，请返回刷新后再试。'),
}).strict();

/**
 * A class teacher's own class: signed = children with at least one
 * guardian's signature, eligible = children in the class, and each child's
 * state. Seen only by that class's teacher; no screen shows it to families.
 */
export const progress = defineAction({
  name: 'commitment.progress',
  input: campaignInput,
  labels: { campaignId: '告家长书' },
  async handle({ campaignId }, ctx) {
    const v = await classView(ctx, campaignId);
    await ctx.audit({ action: 'commitment.progress', subjectType: 'class', subjectId: v.classId, detail: { campaignId: v.campaign.id } });
    return {
      campaign: { id: v.campaign.id, name: v.campaign.name, start: v.campaign.start, resume: v.campaign.resume },
      signed: v.signed,
      eligible: v.eligible,
      items: v.items.map(({ unsignedGuardianIds, ...i }) => ({ ...i, unsignedGuardians: unsignedGuardianIds.length })),
    };
  },
});
