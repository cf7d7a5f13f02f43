/**
 * The scheduler's screening job: a screening alert nobody handled by its due
 * time (acute 1 h, critical the same day, severe bands 7 days) escalates to
 * the coordinator (平安办) of the school's county, as overdue cases do. The
 * message names the school and how urgent, never the student.
 * Safe to run twice at once: only the run whose compare-and-set lands sends.
 */
import { content } from '../../../content';
import { chinaTimeText, coordinatorName } from '../../../domain/case';
import { writeAudit } from '../../core/audit';
import { PEACE_OFFICE_SUFFIX } from '../../core/recipients';
import type { AlertDoc, CampaignDoc } from '../screening/model';
import { schoolOf } from '../screening/model';
import { URGENCY_TEXT } from '../screening/submit';
import type { JobEnv } from './escalate';

export const SCREENING_STATS_PAGE = '/packageScreening/pages/stats/index';

export async function runScreeningEscalation({ store, clock, outbox }: JobEnv): Promise<{ escalated: number }> {
  const now = clock.now().getTime();
  const alerts = store.collection<AlertDoc>('screening_alerts');
  const overdue = await alerts.find({ status: 'open', dueAt: { $lt: now } });
  let escalated = 0;
  for (const a of overdue) {
    if (a.escalated) continue;
    const won = await alerts.updateIf(a._id, { status: 'open', escalated: false }, { set: { escalated: true, escalatedAt: now } });
    if (!won) continue;
    const office = a.countyId + PEACE_OFFICE_SUFFIX;
    const school = schoolOf(a.schoolId)?.name ?? a.schoolId;
    const reason = `${school}有一条心理测评预警（${URGENCY_TEXT[a.urgency]}处理）超过处理时限仍未跟进，已提醒${coordinatorName(content.catalog, a.countyId)}督办`;
    await writeAudit(store, clock, 'system', {
      action: 'screening.escalate', subjectType: 'screening_alert', subjectId: a._id, detail: { to: office, urgency: a.urgency, reason },
    });
    await outbox.send({
      channel: 'subscribe_message',
      to: office,
      template: 'screening_alert_escalated',
      data: { school, urgency: URGENCY_TEXT[a.urgency], due: chinaTimeText(a.dueAt) },
      page: SCREENING_STATS_PAGE,
    });
    escalated++;
  }
  return { escalated };
}

/**
 * Drafts are half-answered questionnaires (sensitive, and never submitted):
 * once a campaign has ended they serve nobody, so they are deleted.
 */
export async function purgeEndedDrafts({ store, clock }: Pick<JobEnv, 'store' | 'clock'>): Promise<number> {
  const now = clock.now().getTime();
  const campaigns = store.collection<CampaignDoc>('screening_campaigns');
  const ended = [
    ...(await campaigns.find({ status: 'closed' })),
    ...(await campaigns.find({ status: 'open', closesAt: { $lte: now } })),
  ];
  let purged = 0;
  for (const c of ended) purged += await store.collection('screening_drafts').removeWhere({ campaignId: c._id });
  return purged;
}
