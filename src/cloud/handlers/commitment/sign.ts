import { z } from 'zod';
import { AppError, isAppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { isFileId, UPLOAD_OWNER_PURPOSE, type UploadRecord } from '../../media/uploadRecords';
import { countFirstSignature } from './counts';
import { applyTallies, pledgeWrites } from '../targets/counts';
import {
  CAMPAIGN_ID, childPledges, commitmentId, countyOfSchool, guardianBindings, guardianLabelOf, isSigningOpen, letterOf, loadTerms,
  METHOD_NAMES, requireCampaign, today, type CommitmentDoc, type StudentDoc,
} from '../holiday/shared';

export const SIGN_MESSAGES = {
  notMyChild: '您只能为自己绑定的孩子签署。如果这是您的孩子，请向班主任索取家长邀请码。',
  notOpen: '这份告家长书还没有开始签署，请到放假前几天再来。',
  closed: '这份告家长书已经截止签署（学校已经开学）。',
  unknownPledge: '有一条承诺不在这份告家长书里，请返回刷新后重新勾选。',
  missingPledges: (n: number) => `还有${n}条承诺没有勾选。请逐条看完，能做到的都勾上，再签署。`,
  needsImage: '请先在签名框里写下您的名字再提交。不方便写字的，可以选“我不方便写字，确认签署”。',
  badImage: '签名图片没有上传成功，请重新签一次名。',
  busy: '刚才有人同时在签，请再点一次提交。',
} as const;

/**
 * Every pledge of the letter for this child must be ticked: a commitment
 * records what the guardian agreed to, and a half-ticked letter is not one
 * (the page says which are left). The child's pledges are those for their age
 * today (holiday/shared.ts childPledges: 不满12岁's back-seat rule is not asked
 * of a 13-year-old's guardian); the record keeps exactly those, ids and texts,
 * as the page showed them. The signature image is one the guardian uploaded themself through
 * the ordinary upload path (its row carries their daily owner key); signing
 * claims it so the orphan purge leaves it, and nobody else can take it.
 */
export const sign = defineAction({
  name: 'commitment.sign',
  input: z.object({
    campaignId: z.string({ required_error: '缺少告家长书编号，请返回刷新。' }).regex(CAMPAIGN_ID, '告家长书编号不对，请返回刷新后再试。'),
    studentId: z.string({ required_error: '请选择孩子。' }).min(1, '请选择孩子。').max(64, '孩子的编号不对。'),
    pledgeIds: z.array(z.string().max(64, SIGN_MESSAGES.unknownPledge), { required_error: '请勾选承诺。' })
      .min(1, '请勾选承诺后再签署。').max(40, SIGN_MESSAGES.unknownPledge),
    method: z.enum(['signature', 'confirm'], { errorMap: () => ({ message: '请选择签署方式：手写签名，或确认签署。' }) }),
    signatureFileId: z.string().max(64, SIGN_MESSAGES.badImage).optional(),
  }).strict(),
  labels: { campaignId: '告家长书', studentId: '孩子', pledgeIds: '承诺', method: '签署方式', signatureFileId: '签名' },
  // One row per campaign, child and guardian; the same content again changes nothing (no new version).
  // The dispatcher's stored idempotency on top: the same request id with other content is refused (409).
  async handle(input, ctx) {
    const caller = ctx.caller!;
    const binding = guardianBindings(caller.roles).find((b) => b.studentId === input.studentId);
    if (!binding) throw new AppError('FORBIDDEN', SIGN_MESSAGES.notMyChild);
    const student = await ctx.store.collection<StudentDoc>('students').get(input.studentId);
    if (!student) throw new AppError('NOT_FOUND', '没有找到这个孩子的学籍信息，请联系班主任。');
    const countyId = (await countyOfSchool(ctx, student.schoolId)) ?? '';
    const campaign = requireCampaign(input.campaignId, await loadTerms(ctx.store), countyId);
    const day = today(ctx.clock.now());
    if (!isSigningOpen(campaign, day)) throw new AppError('CONFLICT', day < campaign.opensOn ? SIGN_MESSAGES.notOpen : SIGN_MESSAGES.closed);

    const letter = letterOf(campaign);
    const pledges = childPledges(letter, student, day);
    // A pledge of this letter that is not for this child's age is not refused, and not recorded: a page from
    // before this change shows every pledge, and a birthday at midnight can pass between ticking and signing.
    const known = new Set(letter.pledges.map((p) => p.id));
    const given = [...new Set(input.pledgeIds)];
    if (given.some((id) => !known.has(id))) throw new AppError('BAD_INPUT', SIGN_MESSAGES.unknownPledge);
    const missing = pledges.filter((p) => !given.includes(p.id));
    if (missing.length > 0) throw new AppError('BAD_INPUT', SIGN_MESSAGES.missingPledges(missing.length), { missing: missing.map((p) => p.id) });

    const id = commitmentId(campaign.id, student._id, caller.userId);
    const uploads = ctx.store.collection<UploadRecord>('uploads');
    const claim = `commitment:${id}`;
    let fileId: string | null = null;
    if (input.method === 'signature') {
      if (!input.signatureFileId) throw new AppError('BAD_INPUT', SIGN_MESSAGES.needsImage);
      if (!isFileId(input.signatureFileId)) throw new AppError('BAD_INPUT', SIGN_MESSAGES.badImage);
      const row = await uploads.get(input.signatureFileId);
      // Only the guardian's own upload (today's key: at midnight the page asks to sign again), or one this signature already claimed.
      const mine = row && (row.caseId === claim || (row.caseId === null && row.ownerKey !== undefined && row.ownerKey === await ctx.callerKey(UPLOAD_OWNER_PURPOSE)));
      if (!row || !mine) throw new AppError('BAD_INPUT', SIGN_MESSAGES.badImage);
      fileId = row._id;
    }

    const pledgeIds = pledges.map((p) => p.id); // the child's, in the letter's order
    const content = { method: input.method, signatureFileId: fileId, pledgeIds, pledgeTexts: pledges.map((p) => p.text) };
    const same = (d: CommitmentDoc) => d.method === content.method && d.signatureFileId === content.signatureFileId &&
      d.pledgeIds.join('|') === pledgeIds.join('|');

    if (fileId && !(await uploads.updateIf(fileId, { caseId: null }, { set: { caseId: claim }, unset: ['ownerKey'] }))) {
      if ((await uploads.get(fileId))?.caseId !== claim) throw new AppError('BAD_INPUT', SIGN_MESSAGES.badImage);
    }

    const commitments = ctx.store.collection<CommitmentDoc>('commitments');
    const history = ctx.store.collection('commitment_history');
    const now = ctx.clock.now().getTime();
    let saved: CommitmentDoc | null = null;
    for (let attempt = 0; attempt < 5 && !saved; attempt++) {
      const existing = await commitments.get(id);
      if (existing && same(existing)) { saved = existing; break; }
      const next: CommitmentDoc = {
        _id: id, campaignId: campaign.id, studentId: student._id, classId: student.classId, schoolId: student.schoolId, countyId,
        userId: caller.userId, guardianLabel: guardianLabelOf(binding), ...content, signedAt: now, version: (existing?.version ?? 0) + 1,
      };
      if (!existing) {
        try {
          await commitments.insert(next);
          saved = next;
        } catch (e) {
          if (!isAppError(e) || e.code !== 'CONFLICT') throw e; // someone signed at the same moment: look again
        }
        continue;
      }
      // Signing again with other content (a new signature): the earlier version goes to the history first.
      const { _id, ...old } = existing;
      await history.insert({ ...old, _id: `${id}:v${existing.version}`, commitmentId: id }).catch((e) => {
        if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      });
      const { _id: _, ...patch } = next;
      if (await commitments.updateIf(id, { version: existing.version }, { set: patch })) saved = next;
    }
    if (!saved) throw new AppError('CONFLICT', SIGN_MESSAGES.busy);
    // the coverage counter: counts the child once, at its first guardian's signature (counts.ts)
    const first = await countFirstSignature(ctx.store, saved, now);
    // the desk's count of children with a signature (per class and school: targets/counts.ts); in a unit of
    // work the first-signature marker just written is its marker too (tally.ts countRecord)
    await applyTallies(ctx.store, pledgeWrites(saved), first);
    await ctx.audit({ action: 'commitment.sign', subjectType: 'student', subjectId: student._id, detail: { campaignId: campaign.id, method: saved.method } });
    return {
      commitmentId: id, campaignId: campaign.id, campaignName: campaign.name, studentId: student._id, studentName: student.name,
      method: saved.method, methodName: METHOD_NAMES[saved.method], signedAt: saved.signedAt, pledgeCount: saved.pledgeIds.length,
      guardianLabel: saved.guardianLabel, version: saved.version,
    };
  },
});
