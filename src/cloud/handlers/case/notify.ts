import type { Ctx } from '../../core/context';
import { CASE_PAGE, categoryName, type CaseDoc } from './views';

/**
 * Tells the filer of a mandatory report that there is news. An anonymous
 * reporter has no address, by design: they look it up with their code.
 */
export async function notifyReporter(ctx: Ctx, c: CaseDoc, template: string) {
  if (c.channel !== 'mandatory' || !c.reporterUserId) return;
  await ctx.outbox.send({
    channel: 'subscribe_message',
    to: c.reporterUserId,
    template,
    data: { category: categoryName(c.category), trackingCode: c.trackingCode },
    page: `${CASE_PAGE}?id=${c._id}`,
  });
}
