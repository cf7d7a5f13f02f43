import { z } from 'zod';
import { defineAction } from '../../core/action';
import { eventsOf } from '../case/events';
import { reporterView } from '../case/views';
import { openReport, readerToken } from './reporterAccess';
import { reporterCredentials } from './schema';

/**
 * What the holder of a tracking code and secret may see: status, the public
 * timeline and the dialogue with the handler. Never staff names or internal
 * notes (see reporterView).
 */
export const status = defineAction({
  name: 'report.status',
  input: z.object(reporterCredentials).strict(),
  labels: { trackingCode: '查询码', secret: '查询密码', readerToken: '查询凭据' },
  anonymous: true,
  async handle({ trackingCode, secret, readerToken: token }, ctx) {
    const c = await openReport(ctx, trackingCode, secret, { readerToken: token });
    // Reads of a case are audited (逐案倒查); the reporter is 'anonymous'.
    await ctx.audit({ action: 'report.status', subjectType: 'case', subjectId: c._id });
    // The phone keeps this token and sends it back: it lets this phone past a code's guessing ceiling.
    return { ...reporterView(c, await eventsOf(ctx.store, c._id)), readerToken: readerToken(ctx, c.trackingCode) };
  },
});
