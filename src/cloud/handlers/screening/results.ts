import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { URGENCY_ORDER } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import {
  campaignIdSchema, campaignRecords, classOf, completionOf, consentVersionOf, eligibleStudents, loadCampaign, psychSchools, type AlertDoc,
} from './model';
import { alertView, resultView } from './views';

/**
 * Results of my school for one campaign, by risk (psychology teacher only):
 * per student each instrument's total and band, critical answers and the
 * alert. Filter by grade and class. Every call is audited.
 */
export const results = defineAction({
  name: 'screening.results',
  input: z.object({
    campaignId: campaignIdSchema,
    grade: z.number().int().min(1).max(20).optional(),
    classId: z.string().max(60).optional(),
  }).strict(),
  labels: { campaignId: '测评', grade: '年级', classId: '班级' },
  async handle({ campaignId, grade, classId }, ctx) {
    const c = await loadCampaign(ctx.store, campaignId);
    const mine = psychSchools(ctx.caller!.roles).filter((id) => c.schoolIds.includes(id));
    if (!mine.length) throw new AppError('FORBIDDEN', '这次测评不包括您任职的学校，您不能查看结果。');
    const now = ctx.clock.now().getTime();
    const students = (await eligibleStudents(ctx.store, c, mine))
      .filter((s) => (grade === undefined || s.grade === grade) && (classId === undefined || s.classId === classId));
    const { consents, responses } = await campaignRecords(ctx.store, campaignId);
    const alerts = new Map((await ctx.store.collection<AlertDoc>('screening_alerts').find({ schoolId: { $in: mine } }))
      .filter((a) => a.campaignId === campaignId).map((a) => [a.studentId, a]));
    const classNames = new Map(await Promise.all([...new Set(students.map((s) => s.classId))].map(async (id) => [id, (await classOf(ctx, id))?.name] as const)));
    const rows = students.map((s) => {
      const r = responses.get(s.id);
      const a = alerts.get(s.id);
      return {
        studentId: s.id,
        name: s.name,
        grade: s.grade,
        classId: s.classId,
        className: classNames.get(s.classId) ?? '',
        status: completionOf(s, now, consents.get(s.id), !!r, consentVersionOf(c)),
        submittedAt: r?.submittedAt ?? null,
        level: r?.level ?? -1,
        urgency: r?.urgency ?? null,
        crisis: r?.crisis ?? false,
        instruments: r ? r.results.map(resultView) : [],
        alert: a ? alertView(a, now) : null,
      };
    });
    const rank = (u: string | null) => (u ? URGENCY_ORDER[u as keyof typeof URGENCY_ORDER] : 9);
    rows.sort((x, y) => rank(x.urgency) - rank(y.urgency) || y.level - x.level || x.classId.localeCompare(y.classId) || x.name.localeCompare(y.name, 'zh'));
    await ctx.audit({ action: 'screening.results', subjectType: 'campaign', subjectId: campaignId, detail: { schools: mine, grade: grade ?? null, classId: classId ?? null, rows: rows.length, studentIds: rows.map((r) => r.studentId) } });
    const classes = [...new Set(students.map((s) => s.classId))];
    return {
      campaign: { id: c._id, name: c.name, opensOn: c.opensOn, closesOn: c.closesOn, status: c.status },
      rows,
      filters: { grades: [...new Set(students.map((s) => s.grade))].sort((a, b) => a - b), classes: classes.map((id) => ({ id, name: classNames.get(id) ?? id })) },
      openAlerts: rows.filter((r) => r.alert?.status === 'open').length,
    };
  },
});
