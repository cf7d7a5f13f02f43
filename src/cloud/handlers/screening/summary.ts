import type { Ctx } from '../../core/context';
import type { AlertDoc, ResponseDoc } from './model';
import { dueText } from '../../../domain/screening';
import { consentOf, getStudent, openCampaignFor, psychSchools, responseId } from './model';

/** The psychology teacher's words for this family (告知家长 by 小程序) and the answered requests about this child. */
async function guardianNews(ctx: Ctx, studentId: string): Promise<number> {
  const told = await ctx.store.collection<{ _id: string; guardianMessage?: string }>('screening_file_events').find({ studentId, kind: 'notification' });
  const answered = await ctx.store.collection('screening_requests').find({ studentId, status: 'answered' });
  return told.filter((e) => e.guardianMessage).length + answered.length;
}

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
    // what the psychology teacher wrote to this family, and the answers to its requests: on the guardian's 首页,
    // whatever the campaign (found walking: the mother found them only at the bottom of the consent page)
    const news = guardian && s ? await guardianNews(ctx, s.id) : 0;
    if (s && c) {
      const finished = !!(await ctx.store.collection<ResponseDoc>('screening_responses').get(responseId(c._id, s.id)));
      const { state, record } = await consentOf(ctx.store, c, s, now);
      const talk = student ? await talkEntry(ctx, s.id) : false;
      // a paper form recorded after this guardian said no: they are told on their 首页 too
      const paperAfterDecline = !student && !!record?.overrodeDecline && state === 'given';
      return {
        role: student ? 'student' : 'guardian', campaignId: c._id, name: c.name, closesOn: c.closesOn, consent: state, finished,
        ...(talk ? { talk } : {}), ...(paperAfterDecline ? { paperAfterDecline } : {}), ...(news ? { news } : {}),
      };
    }
    if (guardian && news) return { role: 'guardian', news };
    // After a crisis screen the student keeps a lasting way to someone to talk to, whatever the campaign.
    if (student && s && (await talkEntry(ctx, s.id))) return { role: 'student', talk: true, finished: true };
  }
  const schools = psychSchools(roles);
  if (schools.length) {
    const open = await ctx.store.collection<AlertDoc>('screening_alerts').find({ schoolId: { $in: schools }, status: 'open' });
    const next = open.reduce<AlertDoc | null>((m, a) => (!m || a.dueAt < m.dueAt ? a : m), null);
    const openRequests = (await ctx.store.collection('screening_requests').find({ schoolId: { $in: schools }, status: 'open' })).length;
    return {
      role: 'psych_teacher', openAlerts: open.length, overdue: open.filter((a) => a.dueAt < now).length,
      // the most urgent alert's deadline, in words ("今天 24:00 前")
      ...(next ? { nextDue: next.dueAt, nextDueText: dueText(next.dueAt, now), nextUrgency: next.urgency } : {}),
      ...(openRequests ? { openRequests } : {}),
    };
  }
  return roles.some((r) => r.role === 'coordinator') ? { role: 'coordinator' } : null;
}

/**
 * A student who saw the crisis screen (a critical answer, submitted or in a draft) keeps the
 * talk-to-someone entry. A routine follow-up (a total over a cut-off) does not change the student's
 * 首页: nothing there may hint at a score.
 */
async function talkEntry(ctx: Ctx, studentId: string): Promise<boolean> {
  if ((await ctx.store.collection<AlertDoc>('screening_alerts').find({ studentId })).some((a) => a.urgency !== 'week')) return true;
  return (await ctx.store.collection<ResponseDoc>('screening_responses').find({ studentId }, {})).some((r) => r.crisis);
}
