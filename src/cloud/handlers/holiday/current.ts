import { z } from 'zod';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { CITY } from '../../../domain/catalog';
import { campaignPhase, currentCampaign, nextCampaign, type Campaign } from '../../../domain/holiday';
import { content } from '../../../content';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import { dir } from '../../core/directory';
import { photoUrls } from '../../media/uploadRecords';
import {
  campaignForSchool, childPledges, guardianBindings, letterOf, loadTerms, today, type CommitmentDoc, type StudentDoc,
} from './shared';

export const campaignView = (c: Campaign, day: string) => ({
  id: c.id, name: c.name, key: c.key, start: c.start, end: c.end, resume: c.resume, opensOn: c.opensOn,
  phase: campaignPhase(c, day), topics: c.topics, provisional: c.provisional,
});

/** The caller's linked children with who has signed for each in their current campaign. */
async function myChildren(ctx: Ctx, day: string) {
  const caller = ctx.caller!;
  const terms = await loadTerms(ctx.store);
  const students = ctx.store.collection<StudentDoc>('students');
  const commitments = ctx.store.collection<CommitmentDoc>('commitments');
  const out = [];
  for (const b of guardianBindings(caller.roles)) {
    const s = await students.get(b.studentId);
    if (!s) continue;
    const c = await campaignForSchool(ctx, s.schoolId, day, terms);
    const signed = c ? await commitments.find({ campaignId: c.id, studentId: s._id }, { orderBy: [['signedAt', 'asc']] }) : [];
    const mine = signed.find((x) => x.userId === caller.userId);
    out.push({
      id: s._id,
      name: s.name,
      campaignId: c?.id ?? null,
      // what this child's guardian promises: the pledges for the child's age today (a sister of 11 and a brother of 13 differ)
      pledges: c ? childPledges(letterOf(c), s, day) : [],
      // the guardian's own handwritten signature, for the receipt (a short-lived link; no one else's)
      signedByMe: mine ? {
        // the pledges as signed (the letter for the child may have changed since: a birthday, new wording)
        method: mine.method, at: mine.signedAt, pledgeIds: mine.pledgeIds, pledgeTexts: mine.pledgeTexts ?? [], label: mine.guardianLabel,
        signatureUrl: mine.signatureFileId ? (await photoUrls(ctx.store, ctx.platform.blobs, [mine.signatureFileId], ctx.clock.now().getTime()))[0]?.url ?? null : null,
      } : null,
      otherGuardians: signed.filter((x) => x.userId !== caller.userId).map((x) => ({ label: x.guardianLabel, method: x.method, at: x.signedAt })),
      campaign: c,
    });
  }
  return out;
}

/**
 * The letter that is current for the caller today (China time). A guardian
 * gets it for their linked children with who has signed; a class teacher or
 * coordinator gets the campaign of their school or area (for their lists).
 * `next` says when the following letter opens when none is open.
 */
export const current = defineAction({
  name: 'holiday.current',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const caller = ctx.caller!;
    const day = today(ctx.clock.now());
    const terms = await loadTerms(ctx.store);
    const children = await myChildren(ctx, day);
    let campaign: Campaign | null = children.find((c) => c.campaign)?.campaign ?? null;
    let county: string | undefined;
    if (!campaign && children.length === 0) {
      const school = caller.roles.find((r) => r.schoolId)?.schoolId;
      const area = coordinatedJurisdictions(caller.roles)[0];
      if (school) {
        campaign = await campaignForSchool(ctx, school, day, terms);
        county = (await dir(ctx).countyOfSchool(school)) ?? undefined;
      } else {
        county = area && area !== CITY ? area : undefined;
        campaign = currentCampaign(day, content.holidayCalendar, terms, county);
      }
    }
    const letter = campaign ? letterOf(campaign) : null;
    const next = campaign ? null : nextCampaign(day, content.holidayCalendar, terms, county);
    return {
      day,
      campaign: campaign ? campaignView(campaign, day) : null,
      letter,
      // every pledge of the letter (staff read them all); what a guardian ticks for a child is children[i].pledges
      pledges: letter?.pledges ?? [],
      children: children.map(({ campaign: _c, ...rest }) => rest),
      next: next ? { id: next.id, name: next.name, opensOn: next.opensOn } : null,
    };
  },
});
