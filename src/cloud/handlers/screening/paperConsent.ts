import { z } from 'zod';
import { chinaDayStart } from '../../../domain/chinaTime';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { isFileId, type UploadRecord } from '../../media/uploadRecords';
import { day } from '../campaign/schema';
import { requireConsentable } from './consent';
import {
  campaignIdSchema, CONSENT_PAGE, consentVersionOf, guardianLinks, loadCampaign, nextConsentSeq, responseId, rosterGuardians, staffName,
  studentIdSchema, studentOfMySchool, todayIn, writeConsent, type ConsentDoc, type PaperEvidence,
} from './model';
import { applyTallies, consentWrites } from '../targets/counts';
import { countyIdOf } from '../targets/directory';

const NO_PHOTO = '请先拍一张签好字的纸质同意书照片，再提交。没有照片不能录入。';

/** Upload rows a paper form holds carry this in `caseId` (so the orphan purge keeps them and no report can take them). */
export const consentPhotoOwner = (consentId: string) => `consent:${consentId}`;

/**
 * The psychology teacher records a guardian's signed paper form, only with
 * evidence: the guardian's name as on the roster, the form's date (not in
 * the future, not before the current consent text) and a photo of the
 * signed form (kept like report photos; shown to the psychology teacher and
 * the guardians only). A paper form never silently overrides a guardian's
 * decline in the app: every linked guardian is told in the app
 * ("学校录入了您签署的纸质同意书"), sees who recorded what and when, and can withdraw.
 */
export const paperConsent = defineAction({
  name: 'screening.paperConsent',
  input: z.object({
    campaignId: campaignIdSchema,
    studentId: studentIdSchema,
    guardianName: z.string({ required_error: '请填写签字的监护人姓名。', invalid_type_error: '监护人姓名的格式不对。' })
      .trim().min(1, '请填写签字的监护人姓名。').max(20, '监护人姓名最多20个字。'),
    formDate: day('同意书上的签署日期'),
    photoId: z.string({ required_error: NO_PHOTO, invalid_type_error: NO_PHOTO }).max(40, NO_PHOTO),
  }).strict(),
  labels: { campaignId: '测评', studentId: '学生', guardianName: '监护人姓名', formDate: '签署日期', photoId: '同意书照片' },
  async handle({ campaignId, studentId, guardianName, formDate, photoId }, ctx) {
    const s = await studentOfMySchool(ctx, studentId);
    const c = await loadCampaign(ctx.store, campaignId);
    const now = ctx.clock.now().getTime();
    await requireConsentable(ctx, c, s, now);
    const id = responseId(campaignId, studentId);
    if (await ctx.store.collection('screening_responses').get(id)) throw new AppError('CONFLICT', '这名学生已经完成了这次测评，不需要再录入同意书。');

    const roster = await rosterGuardians(ctx.store, studentId);
    const guardian = roster.find((g) => g.name === guardianName);
    if (!guardian) {
      throw new AppError('BAD_INPUT', `“${guardianName}”和花名册上${s.name}的监护人对不上。请照花名册上的名字填写签字的监护人${roster.length ? `（花名册上有：${roster.map((g) => g.name).join('、')}）` : '；花名册上还没有监护人，请先请班主任补全'}。`);
    }
    if (formDate > todayIn(now)) throw new AppError('BAD_INPUT', '签署日期不能晚于今天，请按同意书上写的日期填写。');
    if (chinaDayStart(formDate) + 24 * 3600_000 <= (c.consentTermsAt ?? c.createdAt)) {
      throw new AppError('BAD_INPUT', '这张同意书签在这次测评的说明公布（或修改）之前，家长没有看到现在的说明。请发新的同意书给家长签字。');
    }

    if (!isFileId(photoId)) throw new AppError('BAD_INPUT', NO_PHOTO);
    const uploads = ctx.store.collection<UploadRecord>('uploads');
    const owner = `consent:${id}`;
    const photo = await uploads.get(photoId);
    if (!photo || (photo.caseId !== null && photo.caseId !== owner)) throw new AppError('BAD_INPUT', NO_PHOTO);
    if (photo.caseId === null && !(await uploads.updateIf(photoId, { caseId: null }, { set: { caseId: owner } }))) {
      throw new AppError('BAD_INPUT', NO_PHOTO);
    }

    const consents = ctx.store.collection<ConsentDoc>('screening_consents');
    const version = consentVersionOf(c);
    const teacher = staffName(ctx.caller!.roles, 'psych_teacher');
    const paper: PaperEvidence = {
      guardianName, relation: guardian.relation, formDate, photoId, recordedBy: ctx.caller!.userId, recordedByName: teacher, recordedAt: now,
    };
    const byName = `${teacher}（据${guardianName}签署的纸质同意书录入）`;
    let before: ConsentDoc | null = null;
    let replay = false;
    let overrodeDecline = false;
    for (let attempt = 0; ; attempt++) {
      before = await consents.get(id);
      // A form the guardian has withdrawn in the app cannot be entered again: their latest word stands.
      if (before && !before.agree && before.history.some((h) => h.paper?.photoId === photoId)) {
        throw new AppError('CONFLICT', '家长已经在小程序里撤回了这张同意书，不能再次录入。如果家长改变了主意，请家长在小程序里同意，或签一张新的同意书。');
      }
      // A retry after a crash (faults.test.ts) finds its own record (the photo is this form's alone): nothing is written twice.
      replay = !!before && before.via === 'paper_form' && before.agree && before.paper?.photoId === photoId;
      // A guardian's own "no" in the app stays visible: they are told and may withdraw again.
      overrodeDecline = replay ? !!before!.overrodeDecline : !!before && before.via === 'guardian_app' && !before.agree;
      let doc = before!;
      if (!replay) {
        doc = {
          _id: id, campaignId, studentId, schoolId: s.schoolId, classId: s.classId,
          agree: true, via: 'paper_form', byUserId: ctx.caller!.userId, byName, at: now, version, hash: c.consentHash ?? '',
          guardianName, relation: guardian.relation, paper, ...(overrodeDecline ? { overrodeDecline } : {}),
          history: [...(before?.history ?? []), { agree: true, via: 'paper_form', byName, at: now, version, guardianName, paper }],
          seq: nextConsentSeq(before),
        };
        // a guardian answered in the app since the read: read again (their answer may be a withdrawal of this very form)
        if (!(await writeConsent(ctx.store, before, doc))) {
          if (attempt < 4) continue;
          throw new AppError('CONFLICT', '刚刚家长也在办理同意，请刷新后再试。');
        }
      }
      // the desk counts a paper form like an answer in the app (targets/counts.ts); a replay changes nothing
      await applyTallies(ctx.store, consentWrites(doc, c, await countyIdOf(ctx, doc.schoolId)));
      break;
    }
    for (const link of await guardianLinks(ctx.store, studentId)) {
      await ctx.outbox.send({
        channel: 'subscribe_message', to: link.userId, template: 'screening_paper_consent', page: CONSENT_PAGE,
        data: { title: '学校录入了您签署的纸质同意书', tip: `签字人：${guardianName}，签署日期：${formDate}。如不同意，可在小程序里撤回。` },
      });
    }
    await ctx.audit({ action: 'screening.paperConsent', subjectType: 'student', subjectId: studentId, detail: { campaignId, version, formDate, photoId, overrodeDecline } });
    return { campaignId, studentId, consent: 'given' as const, via: 'paper_form' as const, at: replay ? before!.at : now, version, overrodeDecline };
  },
});
