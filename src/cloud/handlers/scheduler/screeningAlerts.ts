/**
 * The scheduler's screening job: a screening alert nobody handled by its due
 * time (acute 1 h, critical the same day, severe bands 7 days) escalates to
 * the coordinator (平安办) of the school's county, as overdue cases do. The
 * message names the school and how urgent, never the student.
 * Safe to run twice at once, or to die half way: the audit row and message
 * have fixed ids (written once), and the alert's flag is set after them.
 */
import { content } from '../../../content';
import { coordinatorName } from '../../../domain/jurisdiction';
import { chinaTimeText } from '../../../domain/chinaTime';
import { writeAudit } from '../../core/audit';
import { sha256 } from '../../core/crypto';
import { PEACE_OFFICE_SUFFIX } from '../../core/recipients';
import { consentState } from '../../../domain/screening';
import { isAppError } from '../../../domain/errors';
import type { AlertDoc, CampaignDoc, ConsentDoc } from '../screening/model';
import { CONSENT_PAGE, consentVersionOf, eligibleStudents, schoolOf } from '../screening/model';
import { URGENCY_TEXT } from '../screening/submit';
import { inUnit } from '../../store/types';
import type { JobEnv } from './escalate';

class AlertTaken extends Error {}

export const SCREENING_STATS_PAGE = '/packageScreening/pages/stats/index';

export async function runScreeningEscalation({ store, clock, outbox }: JobEnv): Promise<{ escalated: number }> {
  const now = clock.now().getTime();
  const alerts = store.collection<AlertDoc>('screening_alerts');
  const overdue = await alerts.find({ status: 'open', dueAt: { $lt: now } });
  let escalated = 0;
  for (const a of overdue) {
    if (a.escalated) continue;
    const office = a.countyId + PEACE_OFFICE_SUFFIX;
    const school = (await schoolOf({ store }, a.schoolId))?.name ?? a.schoolId;
    const reason = `${school}有一条心理测评预警（${URGENCY_TEXT[a.urgency]}处理）超过处理时限仍未跟进，已提醒${coordinatorName(content.catalog, a.countyId)}督办`;
    // Audit row and message first, under ids fixed per alert, urgency and deadline; the flag last.
    // A run that dies in between leaves the flag unset: the next one writes what is missing.
    // (hashed: the alert's id names the student, and the message leaves us)
    const once = 'alert-escalated:' + sha256(`${a._id}:${a.urgency}:${a.dueAt}`).slice(0, 32);
    const won = await inUnit(store, async () => {
      await writeAudit(store, clock, 'system', {
        action: 'screening.escalate', subjectType: 'screening_alert', subjectId: a._id, detail: { to: office, urgency: a.urgency, reason },
      }, once);
      await outbox.send({
        channel: 'subscribe_message',
        to: office,
        template: 'screening_alert_escalated',
        data: { school, urgency: URGENCY_TEXT[a.urgency], due: chinaTimeText(a.dueAt) },
        page: SCREENING_STATS_PAGE,
      }, { id: once });
      const landed = await alerts.updateIf(a._id, { status: 'open', escalated: false, urgency: a.urgency, dueAt: a.dueAt }, { set: { escalated: true, escalatedAt: now } });
      if (!landed && store.unitOfWork) throw new AlertTaken(); // handled meanwhile: roll the step back
      return landed;
    }).catch((e) => {
      if (e instanceof AlertTaken) return false;
      throw e;
    });
    if (won) escalated++;
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

/**
 * Guardians are asked when a campaign opens, and asked again when its
 * consent terms change: one outbox row per guardian, child and terms
 * version, under a fixed id (inserted only if absent), for every child
 * under 14 whose consent to the current terms is still missing. The
 * campaign remembers the version it asked for only after the rows are
 * written, so a pass cut short is simply done again.
 */
export async function askGuardians({ store, clock }: Pick<JobEnv, 'store' | 'clock'>): Promise<number> {
  const now = clock.now().getTime();
  const campaigns = store.collection<CampaignDoc>('screening_campaigns');
  const due = (await campaigns.find({ status: 'open', closesAt: { $gt: now } }))
    .filter((c) => c.opensAt <= now && c.askedVersion !== consentVersionOf(c));
  const outbox = store.collection('outbox');
  let written = 0;
  for (const c of due) {
    const version = consentVersionOf(c);
    // Only the consents: the campaign's responses (tens of thousands once under way, when changed terms ask
    // again) are not needed to know who is still to be asked.
    const consents = new Map((await store.collection<ConsentDoc>('screening_consents').find({ campaignId: c._id })).map((x) => [x.studentId, x]));
    const again = version > 1;
    // One school at a time: each read is one school's children, and between reads and writes the store lets
    // the event loop serve requests (store/turns.ts), so a county's first morning is not one long wait.
    for (const schoolId of c.schoolIds) {
      const students = await eligibleStudents(store, c, [schoolId]);
      const ids = students.filter((s) => consentState(s.birthDate, now, consents.get(s.id) ?? null, version) === 'needed').map((s) => s.id);
      for (let i = 0; i < ids.length; i += 500) {
        const links = await store.collection<{ _id: string; userId: string; studentId: string }>('guardianships').find({ studentId: { $in: ids.slice(i, i + 500) } });
        for (const l of links) {
          try {
            await outbox.insert({
              _id: `scr-ask:${c._id}:v${version}:${l.studentId}:${l.userId}`, channel: 'subscribe_message', to: l.userId,
              template: 'screening_consent_needed', page: CONSENT_PAGE, status: 'pending', createdAt: now,
              data: { title: again ? '心理测评的说明有变化，请重新看一看' : '学校的心理测评需要您同意', due: `${c.closesOn} 截止` },
            });
            written++;
          } catch (e) {
            if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
          }
        }
      }
    }
    await campaigns.updateIf(c._id, { updatedAt: c.updatedAt }, { set: { askedVersion: version } });
  }
  return written;
}
