import { z } from 'zod';
import { AppError, isAppError } from '../../../domain/errors';
import { chinaTimeText } from '../../../domain/chinaTime';
import { alertDueAt, DRAFT_MARK, isCrisis, overallUrgency, scoreInstrument, URGENCY_ORDER, type Urgency } from '../../../domain/screening';
import { dir } from '../../core/directory';
import { defineAction } from '../../core/action';
import { sha256 } from '../../core/crypto';
import type { Ctx } from '../../core/context';
import { answersSchema, requireAnswerable, type AnswersInput } from './answering';
import {
  campaignIdSchema, campaignInstruments, FEEDBACK, responseId, type AlertDoc, type CampaignDoc, type ResponseDoc,
} from './model';
import type { Student } from '../../../domain/catalog';
import { applyTallies, responseWrites } from '../targets/counts';

export const ALERTS_PAGE = '/packageScreening/pages/alerts/index';
export const URGENCY_TEXT: Record<Urgency, string> = { acute: '紧急：1小时内', same_day: '当天内', week: '7天内' };

/** Sorted keys, so the same answers in another order are the same submission (hashed: kept short in every response). */
export const canonical = (answers: AnswersInput) =>
  sha256(JSON.stringify(Object.keys(answers).sort().map((k) => [k, Object.keys(answers[k]).sort().map((i) => [i, answers[k][i]])])));

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const ALREADY = '你已经提交过这次问卷了，答案不能再修改。如果想补充什么，可以直接找心理老师聊一聊。';

/**
 * The alert for answers that need a trained adult, under a fixed id per
 * student and campaign. A more urgent answer later (the submission after a
 * draft, ASQ's fifth question) raises the same alert to the new urgency.
 * The school's psychology teachers are notified once per alert and urgency
 * (no name in the message: it leaves us): the message's id is fixed too, and
 * a call that finds the alert already at this urgency writes it again if it
 * is missing (proven by test/reliability/sideEffects.test.ts, screening alert push), so a retry after a crash between the alert and its message
 * (CloudBase has no transaction) sends it, and a second copy sends nothing.
 */
export async function raiseAlert(
  ctx: Ctx, r: Pick<ResponseDoc, '_id' | 'campaignId' | 'studentId' | 'schoolId' | 'countyId'>, urgency: Urgency, reasons: string[], now: number,
  opts: { final?: boolean } = {},
) {
  const alerts = ctx.store.collection<AlertDoc>('screening_alerts');
  const alert: AlertDoc = {
    _id: r._id, campaignId: r.campaignId, studentId: r.studentId, schoolId: r.schoolId, countyId: r.countyId,
    urgency, reasons, createdAt: now, dueAt: alertDueAt(urgency, now), status: 'open', escalated: false,
  };
  let notify = false;
  try {
    await alerts.insert(alert);
    notify = true;
  } catch (e) {
    if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
    const existing = await alerts.get(alert._id);
    if (existing && URGENCY_ORDER[urgency] < URGENCY_ORDER[existing.urgency]) {
      notify = await alerts.updateIf(existing._id, { urgency: existing.urgency, status: existing.status }, {
        set: { urgency, reasons, dueAt: Math.min(existing.dueAt, alert.dueAt), status: 'open', escalated: false },
      });
      alert.dueAt = Math.min(existing.dueAt, alert.dueAt);
    } else if (existing) {
      if (opts.final && !sameList(existing.reasons, reasons)) {
        // The submission's reasons replace the draft's ("问卷尚未提交"): current and complete; no new message.
        await alerts.updateIf(existing._id, { urgency: existing.urgency, status: existing.status }, { set: { reasons } });
      }
      if (existing.urgency === urgency) {
        notify = true; // written once by its id: this only fills in a message a crash kept from being written
        alert.dueAt = existing.dueAt;
      }
    }
  }
  if (!notify) return;
  await ctx.outbox.send({
    channel: 'subscribe_message',
    to: `school:${r.schoolId}:psych_teacher`,
    template: 'screening_alert',
    data: { urgency: URGENCY_TEXT[urgency], due: chinaTimeText(alert.dueAt) },
    page: ALERTS_PAGE,
  }, { id: alertMessageId(r._id, urgency) });
}

/** The one message per alert and urgency (hashed: the alert's id names the student, and messages leave us). */
export const alertMessageId = (alertId: string, urgency: Urgency) => 'alert:' + sha256(`${alertId}:${urgency}`).slice(0, 32);

/** A draft raised an alert, and the submission changed that answer: the reasons say so (the alert stays: duty of care). */
async function settleDraftAlert(ctx: Ctx, id: string) {
  const alerts = ctx.store.collection<AlertDoc>('screening_alerts');
  const a = await alerts.get(id);
  if (!a || !a.reasons.some((r) => r.endsWith(DRAFT_MARK))) return;
  const reasons = a.reasons.map((r) => (r.endsWith(DRAFT_MARK) ? `${r.slice(0, -DRAFT_MARK.length)}（草稿中的回答，提交时已改）` : r));
  await alerts.updateIf(id, { urgency: a.urgency, status: a.status }, { set: { reasons } });
}

function build(c: CampaignDoc, s: Student, answers: AnswersInput, now: number, countyId: string): ResponseDoc {
  const results = campaignInstruments(c).map((inst) => scoreInstrument(inst, answers[inst.id]));
  return {
    _id: responseId(c._id, s.id), campaignId: c._id, studentId: s.id, schoolId: s.schoolId, classId: s.classId,
    grade: s.grade, countyId, answers, digest: canonical(answers), results,
    crisis: isCrisis(results), level: Math.max(0, ...results.map((x) => x.level)), urgency: overallUrgency(results),
    submittedAt: now,
  };
}

const answer = (r: ResponseDoc) => ({ crisis: r.crisis, feedback: r.crisis ? FEEDBACK.crisis : FEEDBACK.calm, submittedAt: r.submittedAt });

/**
 * Submits a student's answers once per campaign. Idempotent by itself (the
 * response has a fixed id): the same answers again get the same answer back,
 * other answers are refused. Answers `{crisis}`: the client shows who to talk
 * to right now when it is true. Bands and totals never go back to the student.
 */
export const submit = defineAction({
  name: 'screening.submit',
  input: z.object({ campaignId: campaignIdSchema, answers: answersSchema }).strict(),
  labels: { campaignId: '测评', answers: '回答' },
  idempotency: 'handler',
  async handle({ campaignId, answers }, ctx) {
    const { s, c, now } = await requireAnswerable(ctx, campaignId, answers, 'complete');
    const responses = ctx.store.collection<ResponseDoc>('screening_responses');
    const doc = build(c, s, answers, now, (await dir(ctx).countyOfSchool(s.schoolId)) ?? 'city');
    let stored: ResponseDoc | null = doc;
    let inserted = true;
    // Insert first (the common case is a first submission); a conflict means an earlier or parallel copy landed.
    try {
      await responses.insert(doc);
    } catch (e) {
      if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
      inserted = false;
      stored = await responses.get(doc._id);
    }
    if (!stored || stored.digest !== doc.digest) throw new AppError('CONFLICT', ALREADY);
    // the desk's counters, once per student: a replay finds its markers (or, in a unit, the response) and adds nothing
    await applyTallies(ctx.store, responseWrites(stored, c), inserted);
    if (stored.urgency) await raiseAlert(ctx, stored, stored.urgency, stored.results.flatMap((r) => r.reasons), stored.submittedAt, { final: true });
    else await settleDraftAlert(ctx, stored._id);
    const drafts = ctx.store.collection('screening_drafts');
    if (await drafts.get(stored._id)) await drafts.remove(stored._id);
    // One row per submission (fixed id): a retry after a crash (faultsCloudbase.test.ts) writes it if missing, a replay writes nothing
    // more, and neither leaves a second, vaguer row (faultsCloudbase.test.ts).
    await ctx.audit({ action: 'screening.submit', subjectType: 'student', subjectId: s.id, detail: { campaignId } }, { id: `scr-submit:${sha256(stored._id).slice(0, 32)}` });
    return answer(stored);
  },
});
