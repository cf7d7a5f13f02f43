import { z } from 'zod';
import { unitKey } from '../../../domain/report';
import { defineAction } from '../../core/action';
import { appendEvent } from '../case/events';
import { notifyUnits, textCheckResult } from './file';
import { openReport } from './reporterAccess';
import { reporterCredentials } from './schema';

/** The reporter's half of the anonymous dialogue: adds a message the lead units read and are told about. */
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
    });
    await notifyUnits(ctx, c, c.lead.map(unitKey), 'case_message');
    await ctx.audit({ action: 'report.message', subjectType: 'case', subjectId: c._id, detail: { textCheck: textCheckResult(check) } });
    return { sent: true, at: e.at };
  },
});
