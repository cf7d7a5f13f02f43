import { codeFromHex, SECRET_LENGTH } from '../../../domain/case';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import { hmac, slowHash } from '../../core/crypto';
import type { CaseDoc } from '../case/views';
import { anonymousCaseId, fileCase, filedAnswer, finishFiling, newTrackingCode, prepareReport } from './file';
import { reportInput, reportLabels } from './schema';

/**
 * The reporter's secret, derived from the request id under the server key.
 * A retry of the same request (the answer got lost on a bad connection) gets
 * the same secret back, yet the secret itself is never stored: only its slow
 * hash is, and the request id is never stored at all.
 */
const secretFor = (ctx: Ctx, requestId: string) =>
  codeFromHex(hmac(ctx.serverKey, 'report.submit:secret:' + requestId), SECRET_LENGTH);

/** The form as parsed (fixed key order from the schema), keyed so the digest says nothing without the server key. */
const digestOf = (ctx: Ctx, input: unknown) => hmac(ctx.serverKey, 'report.submit:input:' + JSON.stringify(input)).slice(0, 32);

export const REPLAY_MISMATCH = '这个提交编号已经用过了，请刷新页面后重新提交。';

/** No case id: the reporter needs nothing but the code and the secret. */
const answer = (c: CaseDoc, secret: string) => {
  const { trackingCode, priority, routedTo, dueAt } = filedAnswer(c);
  return { trackingCode, secret, priority, routedTo, dueAt };
};

/**
 * The anonymous tip line (DESIGN.md §3). The dispatcher hides the caller
 * (ctx.caller is null even when logged in) and audits as 'anonymous'; this
 * handler stores what the reporter typed and nothing about who they are.
 * The answer holds a tracking code and a secret, shown to the reporter once.
 */
export const submit = defineAction({
  name: 'report.submit',
  input: reportInput,
  labels: reportLabels,
  anonymous: true,
  idempotency: 'handler',
  async handle(input, ctx) {
    const requestId = ctx.requestId;
    if (!requestId) throw new AppError('BAD_INPUT', '缺少请求编号，请更新小程序后重试。');
    const id = anonymousCaseId(ctx.serverKey, requestId);
    const cases = ctx.store.collection<CaseDoc>('cases');

    // A retry of a request that already made its case: same code, same secret, nothing new written
    // (except finishing a filing that a crash interrupted).
    const digest = digestOf(ctx, input);
    const existing = await cases.get(id);
    if (existing) {
      // Only the same form gets the secret back: a request id someone learned or guessed is not enough.
      if (existing.inputDigest !== digest) throw new AppError('CONFLICT', REPLAY_MISMATCH);
      return answer(await finishFiling(ctx, existing), secretFor(ctx, requestId));
    }

    // Everything that can refuse the report runs before anything is written.
    const prepared = await prepareReport(input, ctx, id);
    await ctx.rateLimit('report.submit', 5, 3600_000);

    const secret = secretFor(ctx, requestId);
    const filed = await fileCase(ctx, prepared, {
      id,
      trackingCode: await newTrackingCode(ctx),
      channel: 'anonymous',
      secretHash: await slowHash(secret),
      reporter: null,
      inputDigest: digest,
    });
    if (filed.case.inputDigest !== digest) throw new AppError('CONFLICT', REPLAY_MISMATCH);
    return answer(filed.case, secret);
  },
});
