import type { Ctx } from '../../core/context';
import type { AlertDoc, ResponseDoc } from './model';
import { consentOf, getStudent, openCampaignFor, psychSchools, responseId } from './model';

/**
 * The home tab's screening card, or null: a student with an open screening
 * (to answer, or waiting for consent), a guardian asked to consent, a
 * psychology teacher with open alerts, a coordinator (aggregates). Counts
 * and states only.
 */
export async function screeningSummary(ctx: Ctx) {
  const roles = ctx.caller!.roles;
  const now = ctx.clock.now().getTime();
  const student = roles.find((r) => r.role === 'student' && r.studentId);
  const guardian = roles.find((r) => r.role === 'guardian' && r.studentId);
  const who = student ?? guardian;
  if (who) {
    const s = await getStudent(ctx.store, who.studentId!);
    const c = s ? await openCampaignFor(ctx.store, s, now) : null;
    if (s && c) {
      const finished = !!(await ctx.store.collection<ResponseDoc>('screening_responses').get(responseId(c._id, s.id)));
      const { state } = await consentOf(ctx.store, c._id, s, now);
      return { role: student ? 'student' : 'guardian', campaignId: c._id, name: c.name, closesOn: c.closesOn, consent: state, finished };
    }
  }
  const schools = psychSchools(roles);
  if (schools.length) {
    const open = await ctx.store.collection<AlertDoc>('screening_alerts').find({ schoolId: { $in: schools }, status: 'open' });
    return { role: 'psych_teacher', openAlerts: open.length, overdue: open.filter((a) => a.dueAt < now).length };
  }
  return roles.some((r) => r.role === 'coordinator') ? { role: 'coordinator' } : null;
}
