import { z } from 'zod';
import type { Student } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import { checkAnswers, mayAnswer, type AnswerProblem, type ConsentState } from '../../../domain/screening';
import type { Ctx } from '../../core/context';
import { campaignInstruments, consentOf, covers, isOpenAt, loadCampaign, ownStudent, type CampaignDoc } from './model';

/** `{<instrumentId>: {<itemId>: <option value>}}`; the values are checked against the instrument. */
export const answersSchema = z.record(
  z.string().max(40),
  z.record(z.string().max(40), z.number({ invalid_type_error: '回答的格式不对，请重新选择。' }).int('回答的格式不对，请重新选择。')),
  { required_error: '请先回答问题。', invalid_type_error: '回答的格式不对，请更新小程序后重试。' },
);
export type AnswersInput = z.infer<typeof answersSchema>;

export const CONSENT_MESSAGES: Partial<Record<ConsentState, string>> = {
  needed: '你还不满14周岁，需要家长先在小程序里同意（或交回纸质同意书），才能开始这次问卷。',
  declined: '你的家长这次没有同意参加，所以不用填写这次问卷。',
};

function describe(problem: AnswerProblem, title: string, index: number): string {
  switch (problem.kind) {
    case 'missing': return `「${title}」第${index}题还没有回答，请回答后再提交。`;
    case 'out_of_range': return `「${title}」第${index}题的选项无效，请重新选择。`;
    default: return `「${title}」里有一道不认识的题目，请更新小程序后重新打开问卷。`;
  }
}

/**
 * The caller (a student) may answer this campaign now, and the answers fit
 * its instruments: 'partial' (a draft) allows unanswered items, 'complete'
 * (a submission) needs every item that is asked. Nothing is written here.
 */
export async function requireAnswerable(
  ctx: Ctx, campaignId: string, answers: AnswersInput, mode: 'partial' | 'complete',
): Promise<{ s: Student; c: CampaignDoc; now: number; consent: ConsentState }> {
  const s = await ownStudent(ctx);
  const c = await loadCampaign(ctx.store, campaignId);
  if (!covers(c, s)) throw new AppError('NOT_FOUND', '这次测评不包括你的年级或班级，不需要填写。');
  const now = ctx.clock.now().getTime();
  if (!isOpenAt(c, now)) {
    throw new AppError('CONFLICT', now < c.opensAt ? `这次问卷${c.opensOn}才开始，到时候再来吧。` : '这次问卷已经结束了，不能再提交。谢谢你！');
  }
  const { state, record } = await consentOf(ctx.store, c, s, now);
  if (!mayAnswer(state)) throw new AppError('FORBIDDEN', CONSENT_MESSAGES[state]!);
  // A consent given in the app by this very account (bound as the child too) is not a guardian's consent.
  if (state === 'given' && record?.via === 'guardian_app' && record.byUserId === ctx.caller!.userId) {
    throw new AppError('FORBIDDEN', CONSENT_MESSAGES.needed!);
  }

  const instruments = campaignInstruments(c);
  for (const key of Object.keys(answers)) {
    if (!instruments.some((i) => i.id === key)) throw new AppError('BAD_INPUT', '回答里有这次问卷没有的部分，请更新小程序后重新打开问卷。');
  }
  for (const inst of instruments) {
    const given = answers[inst.id];
    if (!given) {
      if (mode === 'complete') throw new AppError('BAD_INPUT', `「${inst.title}」还没有回答，请回答后再提交。`);
      continue;
    }
    const problems = checkAnswers(inst, given).filter((p) => mode === 'complete' || p.kind !== 'missing');
    // a draft may still hold a follow-up the student will be asked: only unknown ids and bad values count
    const relevant = mode === 'partial' ? problems.filter((p) => p.kind === 'out_of_range' || !inst.items.some((i) => i.id === p.itemId)) : problems;
    if (relevant.length) {
      const p = relevant[0];
      throw new AppError('BAD_INPUT', describe(p, inst.title, inst.items.findIndex((i) => i.id === p.itemId) + 1));
    }
  }
  return { s, c, now, consent: state };
}
