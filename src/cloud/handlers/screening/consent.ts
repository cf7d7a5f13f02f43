import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { consentState } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import {
  campaignIdSchema, covers, getStudent, isLinkedGuardian, loadCampaign, NOT_YOUR_CHILD, NOT_YOUR_SCHOOL, psychSchools,
  responseId, staffName, studentIdSchema, type ConsentDoc,
} from './model';
import { applyTallies, consentWrites } from '../targets/counts';

/**
 * A guardian's consent (PIPL: under 14), given in the app by a linked
 * guardian, or recorded by the school's psychology teacher from a signed
 * paper form: who recorded it and when. Agreeing or declining may be changed
 * until the child has answered; every change is kept in `history`.
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
    const s = await getStudent(ctx.store, studentId);
    const guardian = s ? await isLinkedGuardian(ctx, studentId) : false;
    const psych = !!s && psychSchools(caller.roles).includes(s.schoolId);
    if (!s || (!guardian && !psych)) {
      throw new AppError('FORBIDDEN', caller.roles.some((r) => r.role === 'psych_teacher') ? NOT_YOUR_SCHOOL : NOT_YOUR_CHILD);
    }
    const c = await loadCampaign(ctx.store, campaignId);
    if (!covers(c, s)) throw new AppError('NOT_FOUND', '这次筛查不包括这名学生的年级或班级。');
    const now = ctx.clock.now().getTime();
    if (c.status !== 'open' || now >= c.closesAt) throw new AppError('CONFLICT', '这次筛查已经结束，不需要再办理同意。');
    if (consentState(s.birthDate, now, null) === 'not_required') {
      throw new AppError('CONFLICT', '孩子已满14周岁，可以自己决定是否参加，不需要监护人同意。');
    }
    const id = responseId(campaignId, studentId);
    if (!agree && (await ctx.store.collection('screening_responses').get(id))) {
      throw new AppError('CONFLICT', '孩子已经完成了这次筛查。如不希望保留结果，请联系学校心理老师。');
    }
    const via = guardian ? 'guardian_app' as const : 'paper_form' as const;
    const byName = guardian ? '监护人（小程序）' : `${staffName(caller.roles, 'psych_teacher')}（据纸质同意书录入）`;
    const consents = ctx.store.collection<ConsentDoc>('screening_consents');
    const before = await consents.get(id);
    const entry = { agree, via, byName, at: now };
    const doc: ConsentDoc = {
      _id: id, campaignId, studentId, schoolId: s.schoolId, classId: s.classId,
      agree, via, byUserId: caller.userId, byName, at: now,
      history: [...(before?.history ?? []), entry],
    };
    await consents.put(doc);
    await applyTallies(ctx.store, consentWrites(doc, c));
    await ctx.audit({ action: 'screening.consent', subjectType: 'student', subjectId: studentId, detail: { campaignId, agree, via } });
    return { campaignId, studentId, consent: agree ? 'given' : 'declined', via, at: now };
  },
});
