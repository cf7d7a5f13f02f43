import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { consentState } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import {
  campaignIdSchema, consentVersionOf, covers, getStudent, isLinkedGuardian, loadCampaign, NOT_YOUR_CHILD, responseId,
  studentIdSchema, type AlertDoc, type CampaignDoc, type ConsentDoc,
} from './model';
import type { Student } from '../../../domain/catalog';

export const SELF_CONSENT = '这个微信账号绑定的是孩子本人，不能替自己办理家长同意。请家长用自己的微信办理，或签好纸质同意书交给学校。';
export const WITHDRAWN_REASON = '家长已撤回同意：草稿答案已删除，这条预警保留，请按职责跟进。';

/** The checks every consent write shares: the campaign is open for this under-14 child and not yet answered. */
export async function requireConsentable(ctx: Ctx, c: CampaignDoc, s: Student, now: number) {
  if (!covers(c, s)) throw new AppError('NOT_FOUND', '这次筛查不包括这名学生的年级或班级。');
  if (c.status !== 'open' || now >= c.closesAt) throw new AppError('CONFLICT', '这次筛查已经结束，不需要再办理同意。');
  if (consentState(s.birthDate, now, null) === 'not_required') {
    throw new AppError('CONFLICT', '孩子已满14周岁，可以自己决定是否参加，不需要监护人同意。');
  }
}
import { applyTallies, consentWrites } from '../targets/counts';

/**
 * Moves the desk's consent counters (targets/counts.ts consentWrites) to what the consent record says
 * now, for every write of a consent (in the app, on paper) and for a repeated answer too, so a retry
 * after a crash between the record and its counters finishes them.
 *
 * The record is read again after its counters moved, and they are moved again if it changed meanwhile:
 * on CloudBase (no unit of work) two answers for one child can race, the record keeps the last `put`
 * while the counters keep whichever move finished last (a move finds a marker another live call is still
 * moving and leaves it to that call, core/tally.ts). The call whose move finishes last reads the record
 * after it and follows it, so the counters end where the record is. On SQLite the unit makes this one
 * pass.
 */
export async function countConsent(ctx: Ctx, id: string, c: CampaignDoc) {
  const consents = ctx.store.collection<ConsentDoc>('screening_consents');
  let rec = await consents.get(id);
  for (let pass = 0; rec && pass < 8; pass++) {
    await applyTallies(ctx.store, consentWrites(rec, c));
    const now = await consents.get(id);
    if (!now || now.agree === rec.agree) return;
    rec = now;
  }
}

/**
 * Withdrawal (a decline after consent, before the child submitted): the
 * draft answers go at once. An alert a draft already raised stays with the
 * psychology teacher (duty of care); alerts keep only their reasons, never
 * answers, and are marked so the teacher knows the answers are gone.
 */
export async function withdrawDraft(ctx: Ctx, id: string, now: number) {
  const drafts = ctx.store.collection('screening_drafts');
  if (await drafts.get(id)) await drafts.remove(id);
  const alerts = ctx.store.collection<AlertDoc>('screening_alerts');
  const a = await alerts.get(id);
  if (a && !a.withdrawnAt) {
    await alerts.updateIf(id, { urgency: a.urgency }, { set: { withdrawnAt: now, reasons: [...a.reasons, WITHDRAWN_REASON] } });
  }
}

/**
 * A guardian's consent (PIPL art. 31: under 14), given in the app by a
 * linked guardian, to the campaign's current consent terms (version and
 * hash kept). Agreeing or declining may be changed until the child has
 * answered; a decline after consent is a withdrawal and deletes the draft.
 * An account bound as the child cannot consent for that child. Paper forms
 * are `screening.paperConsent`.
 */
export const consent = defineAction({
  name: 'screening.consent',
  input: z.object({
    campaignId: campaignIdSchema,
    studentId: studentIdSchema,
    agree: z.boolean({ required_error: '请选择同意或不同意。', invalid_type_error: '请选择同意或不同意。' }),
  }).strict(),
  labels: { campaignId: '筛查', studentId: '学生', agree: '是否同意' },
  async handle({ campaignId, studentId, agree }, ctx) {
    const caller = ctx.caller!;
    if (caller.roles.some((r) => r.role === 'student' && r.studentId === studentId)) throw new AppError('FORBIDDEN', SELF_CONSENT);
    const s = await getStudent(ctx.store, studentId);
    if (!s || !(await isLinkedGuardian(ctx, studentId))) throw new AppError('FORBIDDEN', NOT_YOUR_CHILD);
    const c = await loadCampaign(ctx.store, campaignId);
    const now = ctx.clock.now().getTime();
    await requireConsentable(ctx, c, s, now);
    const id = responseId(campaignId, studentId);
    if (!agree && (await ctx.store.collection('screening_responses').get(id))) {
      throw new AppError('CONFLICT', '孩子已经完成了这次筛查。如不希望保留结果，请在这一页向心理老师提出删除申请。');
    }
    const binding = caller.roles.find((r) => r.role === 'guardian' && r.studentId === studentId)!;
    const guardianName = binding.guardianName ?? '监护人';
    const relation = binding.relation ?? '';
    const byName = `${guardianName}${relation ? `（${relation}）` : ''}`;
    const consents = ctx.store.collection<ConsentDoc>('screening_consents');
    const before = await consents.get(id);
    const version = consentVersionOf(c);
    const hash = c.consentHash ?? '';
    // The same answer again (a retry, a second tap) changes nothing; the record keeps when it was first given.
    const same = !!before && before.via === 'guardian_app' && before.byUserId === caller.userId && before.agree === agree && (before.version ?? 1) === version;
    if (!same) {
      const entry = { agree, via: 'guardian_app', byName, at: now, version, guardianName };
      const doc: ConsentDoc = {
        _id: id, campaignId, studentId, schoolId: s.schoolId, classId: s.classId,
        agree, via: 'guardian_app', byUserId: caller.userId, byName, at: now, version, hash, guardianName, relation,
        history: [...(before?.history ?? []), entry],
      };
      await consents.put(doc);
    }
    await countConsent(ctx, id, c);
    if (!agree) await withdrawDraft(ctx, id, now);
    await ctx.audit({ action: 'screening.consent', subjectType: 'student', subjectId: studentId, detail: { campaignId, agree, via: 'guardian_app', version, withdrawal: !agree && !!before?.agree } });
    return { campaignId, studentId, consent: agree ? 'given' : 'declined', via: 'guardian_app', at: same ? before!.at : now, version };
  },
});
