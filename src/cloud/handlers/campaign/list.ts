import { z } from 'zod';
import { defineAction } from '../../core/action';
import { campaignSchoolsFor, classOf, consentVersionOf, DEFAULT_PURPOSE, DEFAULT_RECIPIENTS, isOpenAt, type CampaignDoc } from '../screening/model';
import { myClasses } from '../screening/completion';
import { mayManage } from './access';

/**
 * Campaigns that concern me (staff): a psychology teacher's school, a class
 * teacher's class, a coordinator's area. Newest first.
 */
export const list = defineAction({
  name: 'campaign.list',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const roles = ctx.caller!.roles;
    const now = ctx.clock.now().getTime();
    const all = await ctx.store.collection<CampaignDoc>('screening_campaigns').find({}, { orderBy: [['opensAt', 'desc']], limit: 200 });
    const mine: CampaignDoc[] = [];
    for (const c of all) if ((await campaignSchoolsFor(ctx, c, roles)).length > 0 || (await myClasses(ctx, c)).length > 0) mine.push(c);
    const classNames = new Map(await Promise.all([...new Set(mine.flatMap((c) => c.classIds ?? []))].map(async (id) => [id, (await classOf(ctx, id))?.name] as const)));
    return {
      items: mine.map((c) => ({
        id: c._id, name: c.name, schoolYear: c.schoolYear, semester: c.semester, opensOn: c.opensOn, closesOn: c.closesOn,
        status: c.status, openNow: isOpenAt(c, now), instrumentIds: c.instrumentIds, grades: c.grades, level: c.level,
        schools: c.schoolIds.length, classes: c.classIds?.map((id) => classNames.get(id) ?? id) ?? null,
        canManage: mayManage(c, roles),
        consentText: c.consentText, purpose: c.purpose ?? DEFAULT_PURPOSE, recipients: c.recipients ?? DEFAULT_RECIPIENTS, consentVersion: consentVersionOf(c),
      })),
    };
  },
});
