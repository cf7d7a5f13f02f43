import { z } from 'zod';
import { RESOLVE_WITHIN_MS, durationText } from '../../../domain/case';
import { ACK_WITHIN_MS, unitKey } from '../../../domain/report';
import type { Ctx } from '../../core/context';
import { defineAction } from '../../core/action';
import { appendEvent } from '../case/events';
import { reporterYou, type CaseDoc } from '../case/views';
import { notifyUnits } from '../case/notify';
import { textCheckResult } from './file';
import { openReport } from './reporterAccess';
import { reporterCredentials } from './schema';

/**
 * The reporter's half of the anonymous dialogue: adds a message the lead
 * units read and are told about, and marks the case unread for them.
 *
 * A message on a resolved case (办结 invites the reporter to write again)
 * reopens it as if it were new: back to 待受理 with the acknowledge and
 * resolve deadlines of its priority counted from now, escalation starting
 * over, so it reaches the top of the handler's inbox and the coordinators if
 * nobody takes it up, instead of sitting unseen under 已办结.
 */
export const message = defineAction({
  name: 'report.message',
  input: z.object({
    ...reporterCredentials,
    text: z.string({ required_error: '请写下要补充的内容。', invalid_type_error: '请写下要补充的内容。' })
      .trim()
      .min(1, '请写下要补充的内容。')
      .max(1000, '一次最多写1000个字，可以分几次发送。'),
  }).strict(),
  labels: { trackingCode: '查询码', secret: '查询密码', text: '留言', readerToken: '查询凭据' },
  anonymous: true,
  async handle({ trackingCode, secret, text, readerToken }, ctx) {
    const c = await openReport(ctx, trackingCode, secret, { readerToken });
    // Flagged, never refused: see textCheckResult in file.ts.
    const check = await ctx.platform.checkText(text);
    await ctx.rateLimit('report.message', 20, 3600_000);
    const e = await appendEvent(ctx.store, ctx.clock, {
      caseId: c._id,
      kind: 'reporter_message',
      text,
      reporterText: text,
      actorId: 'anonymous',
      requestKey: ctx.newId('event'),
    });
    await ctx.store.collection<CaseDoc>('cases').update(c._id, { set: { lastReporterMessageAt: e.at } });
    const reopened = c.status === 'resolved' && await reopenForReporter(ctx, c);
    if (!reopened) await notifyUnits(ctx, c, c.lead.map(unitKey), 'case_message');
    await ctx.audit({ action: 'report.message', subjectType: 'case', subjectId: c._id, detail: { textCheck: textCheckResult(check) } });
    return { sent: true, at: e.at };
  },
});

/** Reopens a resolved case as new (compare-and-set on its version: two messages reopen it once). */
async function reopenForReporter(ctx: Ctx, c: CaseDoc): Promise<boolean> {
  const cases = ctx.store.collection<CaseDoc>('cases');
  const now = ctx.clock.now().getTime();
  const ack = ACK_WITHIN_MS[c.priority];
  const ok = await cases.updateIf(c._id, { version: c.version, status: 'resolved' }, {
    set: {
      status: 'new',
      dueAt: now + ack,
      resolveDueAt: now + RESOLVE_WITHIN_MS[c.priority],
      acknowledgedAt: null,
      resolvedAt: null,
      disposition: null,
      summary: null,
      escalationLevel: 0,
      remindedForDueAt: 0,
    },
    inc: { version: 1 },
  });
  if (!ok) return false;
  await appendEvent(ctx.store, ctx.clock, {
    caseId: c._id,
    kind: 'reopened',
    text: `举报人在办结后又留言，案件已自动重新打开，请在${durationText(ack)}内重新受理。`,
    reporterText: `${reporterYou(c)}的留言已收到，案件已重新打开，工作人员会尽快处理。`,
    actorId: 'anonymous',
  });
  const reopened = (await cases.get(c._id))!;
  await notifyUnits(ctx, reopened, reopened.lead.map(unitKey), 'case_reopened');
  return true;
}
