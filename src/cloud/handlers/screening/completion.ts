import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import { campaignIdSchema, campaignRecords, classOf, completionOf, consentVersionOf, covers, eligibleStudents, loadCampaign, responseId, type CampaignDoc } from './model';

/** The classes this class teacher leads that the campaign covers. */
export async function myClasses(ctx: Ctx, c: CampaignDoc): Promise<string[]> {
  const ids = ctx.caller!.roles
    .filter((r) => r.role === 'class_teacher' && r.classId && r.schoolId && c.schoolIds.includes(r.schoolId))
    .map((r) => r.classId!);
  const classes = await Promise.all(ids.map((id) => classOf(ctx, id)));
  return ids.filter((id, i) => { const k = classes[i]; return !!k && covers(c, { schoolId: k.schoolId, classId: id, grade: k.grade }); });
}

/**
 * Who in my class has finished (class teacher only): finished, not finished,
 * awaiting a guardian's consent, not taking part; and whether the family has
 * a guardian on the app. Never answers, scores, bands or alerts.
 */
export const completion = defineAction({
  name: 'screening.completion',
  input: z.object({ campaignId: campaignIdSchema }).strict(),
  labels: { campaignId: '测评' },
  async handle({ campaignId }, ctx) {
    const c = await loadCampaign(ctx.store, campaignId);
    const classIds = await myClasses(ctx, c);
    if (!classIds.length) throw new AppError('FORBIDDEN', '这次测评不包括您的班级。');
    const now = ctx.clock.now().getTime();
    const classDocs = new Map(await Promise.all(classIds.map(async (id) => [id, (await classOf(ctx, id))!] as const)));
    const schools = [...new Set(classIds.map((id) => classDocs.get(id)!.schoolId))];
    const students = (await eligibleStudents(ctx.store, c, schools)).filter((s) => classIds.includes(s.classId));
    const { consents, responses } = await campaignRecords(ctx.store, campaignId);
    // by id: a student's own reminder, and beside it (`:guardians`) the one to the family while consent is awaited
    const nudges = new Map((await ctx.store.collection<{ _id: string; studentId: string; at: number }>('screening_nudges').find({ campaignId }))
      .map((n) => [n._id, n.at]));
    // whether any guardian has bound the app: a family that has not cannot be reminded, so the page says so instead of
    // offering a button that could only fail (the class teacher's holiday page says the same of the same families)
    const bound = new Set(students.length
      ? (await ctx.store.collection<{ _id: string; studentId: string }>('guardianships').find({ studentId: { $in: students.map((s) => s.id) } })).map((g) => g.studentId)
      : []);
    const classes = classIds.map((classId) => {
      const rows = students.filter((s) => s.classId === classId).map((s) => {
        const status = completionOf(s, now, consents.get(s.id), responses.has(s.id), consentVersionOf(c));
        const nudgeId = responseId(campaignId, s.id) + (status === 'awaiting_consent' ? ':guardians' : '');
        return { studentId: s.id, name: s.name, status, nudgedAt: nudges.get(nudgeId) ?? null, guardianBound: bound.has(s.id) };
      }).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
      const count = (st: string) => rows.filter((r) => r.status === st).length;
      return {
        classId, className: classDocs.get(classId)?.name ?? classId, students: rows,
        counts: { total: rows.length, finished: count('finished'), notFinished: count('not_finished'), awaitingConsent: count('awaiting_consent'), declined: count('declined') },
      };
    });
    await ctx.audit({ action: 'screening.completion', subjectType: 'campaign', subjectId: campaignId, detail: { classIds } });
    return { campaign: { id: c._id, name: c.name, closesOn: c.closesOn }, classes };
  },
});
