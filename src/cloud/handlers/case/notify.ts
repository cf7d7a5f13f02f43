import { content } from '../../../content';
import { chinaTimeText } from '../../../domain/chinaTime';
import type { Ctx } from '../../core/context';
import { CASE_PAGE, categoryName, type CaseDoc } from './views';

/**
 * Tells units about a case. Only what they need to open it: category,
 * urgency, deadline. Never anything about who reported.
 */
export async function notifyUnits(
  ctx: Ctx, c: CaseDoc, unitKeys: readonly string[], template: string, extra: Record<string, string> = {},
  /** when given, each unit's message has the id `<onceKey>:<unit>`: written once however often this runs */
  onceKey?: string,
) {
  for (const to of unitKeys) {
    await ctx.outbox.send({
      channel: 'subscribe_message',
      to,
      template,
      data: {
        category: categoryName(c.category),
        priority: `${c.priority} ${content.reportVocabulary.priorities[c.priority]}`,
        due: chinaTimeText(c.dueAt),
        ...extra,
      },
      page: `${CASE_PAGE}?id=${c._id}`,
    }, onceKey ? { id: `${onceKey}:${to}` } : undefined);
  }
}

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
