import { z } from 'zod';
import { chinaDayStart } from '../../../domain/chinaTime';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { campaignIdSchema, changedTerms, loadCampaign, type CampaignDoc } from '../screening/model';
import { mayManage } from './access';
import { campaignFields } from './create';
import { day } from './schema';

/**
 * Opens, extends or closes a campaign, or corrects its name or consent text.
 * Instruments and grades stay as created: answers already given were to them.
 */
export const update = defineAction({
  name: 'campaign.update',
  input: z.object({
    id: campaignIdSchema,
    status: z.enum(['open', 'closed'], { errorMap: () => ({ message: '请选择开放或结束。' }) }).optional(),
    closesOn: day('结束日期').optional(),
    name: campaignFields.name.optional(),
    consentText: campaignFields.consentText.optional(),
    purpose: campaignFields.purpose.optional(),
    recipients: campaignFields.recipients.optional(),
  }).strict(),
  labels: { id: '测评', status: '状态', closesOn: '结束日期', name: '测评名称', consentText: '知情同意说明', purpose: '用途', recipients: '谁能看到结果' },
  async handle({ id, ...change }, ctx) {
    const c = await loadCampaign(ctx.store, id);
    if (!mayManage(c, ctx.caller!.roles)) throw new AppError('FORBIDDEN', '这次测评不是您所在学校或区域组织的，不能修改。');
    const set: Partial<CampaignDoc> = { updatedAt: ctx.clock.now().getTime() };
    if (change.closesOn) {
      if (chinaDayStart(change.closesOn) < c.opensAt) throw new AppError('BAD_INPUT', '结束日期不能早于开始日期。');
      Object.assign(set, { closesOn: change.closesOn, closesAt: chinaDayStart(change.closesOn) + 24 * 3600_000 });
    }
    if (change.status) set.status = change.status;
    if (change.name) set.name = change.name;
    // New consent terms: every answer so far is `needed` again, and guardians are asked again (scheduler: askGuardians).
    const terms = changedTerms(c, {
      consentText: change.consentText ?? c.consentText, purpose: change.purpose ?? c.purpose, recipients: change.recipients ?? c.recipients,
    }, set.updatedAt!);
    if (terms) Object.assign(set, terms);
    const done = await ctx.store.collection<CampaignDoc>('screening_campaigns').updateIf(id, { updatedAt: c.updatedAt }, { set });
    if (!done) throw new AppError('CONFLICT', '这次测评刚刚被其他人修改过了，请刷新后再试。');
    await ctx.audit({ action: 'campaign.update', subjectType: 'campaign', subjectId: id, detail: { ...change, consentVersion: set.consentVersion ?? null } });
    const after = { ...c, ...set };
    return { id, status: after.status, opensOn: after.opensOn, closesOn: after.closesOn, name: after.name, consentVersion: after.consentVersion ?? 1, termsChanged: !!terms };
  },
});
