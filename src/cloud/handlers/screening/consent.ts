import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { consentState } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import {
  campaignIdSchema, consentVersionOf, covers, getStudent, isLinkedGuardian, loadCampaign, nextConsentSeq, NOT_YOUR_CHILD, responseId,
  studentIdSchema, writeConsent, type AlertDoc, type CampaignDoc, type ConsentDoc,
} from './model';
import type { Student } from '../../../domain/catalog';

export const SELF_CONSENT = '这个微信账号绑定的是孩子本人，不能替自己办理家长同意。请家长用自己的微信办理，或签好纸质同意书交给学校。';
export const WITHDRAWN_REASON = '家长已撤回同意：草稿答案已删除，这条预警保留，请按职责跟进。';

/** The checks every consent write shares: the campaign is open for this under-14 child and not yet answered. */
export async function requireConsentable(ctx: Ctx, c: CampaignDoc, s: Student, now: number) {
  if (!covers(c, s)) throw new AppError('NOT_FOUND', '这次测评不包括这名学生的年级或班级。');
  if (c.status !== 'open' || now >= c.closesAt) throw new AppError('CONFLICT', '这次测评已经结束，不需要再办理同意。');
  if (consentState(s.birthDate, now, null) === 'not_required') {
    throw new AppError('CONFLICT', '孩子已满14周岁，可以自己决定是否参加，不需要监护人同意。');
  }
}
import { applyTallies, consentWrites } from '../targets/counts';
import { countyIdOf } from '../targets/directory';

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
  labels: { campaignId: '测评', studentId: '学生', agree: '是否同意' },
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
      throw new AppError('CONFLICT', '孩子已经完成了这次测评。如不希望保留结果，请在这一页向心理老师提出删除申请。');
    }
    const binding = caller.roles.find((r) => r.role === 'guardian' && r.studentId === studentId)!;
    const guardianName = binding.guardianName ?? '监护人';
    const relation = binding.relation ?? '';
    const byName = `${guardianName}${relation ? `（${relation}）` : ''}`;
    const consents = ctx.store.collection<ConsentDoc>('screening_consents');
    const version = consentVersionOf(c);
    const hash = c.consentHash ?? '';
    let before: ConsentDoc | null = null;
    let same = false;
    for (let attempt = 0; ; attempt++) {
      before = await consents.get(id);
      // The same answer again (a retry, a second tap) changes nothing; the record keeps when it was first given.
      same = !!before && before.via === 'guardian_app' && before.byUserId === caller.userId && before.agree === agree && (before.version ?? 1) === version;
      let doc = before!;
      if (!same) {
        const entry = { agree, via: 'guardian_app', byName, at: now, version, guardianName };
        doc = {
          _id: id, campaignId, studentId, schoolId: s.schoolId, classId: s.classId,
          agree, via: 'guardian_app', byUserId: caller.userId, byName, at: now, version, hash, guardianName, relation,
          history: [...(before?.history ?? []), entry], seq: nextConsentSeq(before),
        };
        // another answer for this child landed since the read: read again (a few times, then ask to retry)
        if (!(await writeConsent(ctx.store, before, doc))) {
          if (attempt < 4) continue;
          throw new AppError('CONFLICT', '刚刚有人同时为孩子办理了同意，请刷新后再试。');
        }
      }
      // the desk's counters follow the record; a replay applies them again and changes nothing (a crash before them is made good)
      await applyTallies(ctx.store, consentWrites(doc, c, await countyIdOf(ctx, doc.schoolId)));
      break;
    }
    if (!agree) await withdrawDraft(ctx, id, now);
    await ctx.audit({ action: 'screening.consent', subjectType: 'student', subjectId: studentId, detail: { campaignId, agree, via: 'guardian_app', version, withdrawal: !agree && !!before?.agree } });
    return { campaignId, studentId, consent: agree ? 'given' : 'declined', via: 'guardian_app', at: same ? before!.at : now, version };
  },
});
