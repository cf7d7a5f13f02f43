import { z } from 'zod';
import { roleAllows } from '../../../domain/policy';
import { defineAction } from '../../core/action';
import { list as caseList } from '../case/list';
import { screeningSummary } from '../screening/summary';
import { awaitingSignature } from '../holiday/awaiting';
import { classToday } from './classToday';

/**
 * What is due for me now, for the home tab: for staff who handle cases, how
 * many are open, overdue and escalated in their inbox (the same rule as
 * case.list, so the numbers match what the inbox shows). Students and
 * guardians get their cards from client-side data (lessons, season), plus
 * `screening` (screening/summary.ts) when a screening concerns them, and for
 * guardians the holiday letter waiting for their signature.
 */
export const summary = defineAction({
  name: 'home.summary',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const caller = ctx.caller!;
    const screening = await screeningSummary(ctx);
    // A guardian: the holiday letter that waits for their signature (null when none does).
    const holiday = await awaitingSignature(ctx);
    // A class teacher: today's counts and the letter's deadline for their class.
    const klass = await classToday(ctx);
    if (!roleAllows('case.list', caller.roles)) return { cases: null, screening, holiday, klass };
    const { items } = await caseList.handle({}, ctx);
    // Cases my unit only co-handles (协办/知悉) are counted apart: they are not mine to acknowledge.
    const openAll = items.filter((i) => i.status !== 'resolved');
    const open = openAll.filter((i) => !i.informed);
    return {
      holiday,
      klass,
      cases: {
        open: open.length,
        overdue: open.filter((i) => i.overdue).length,
        escalated: open.filter((i) => i.escalationLevel > 0).length,
        informed: openAll.length - open.length,
        /** cases where the reporter wrote since I last opened them (any status: a message can reopen a case) */
        unread: items.filter((i) => i.unread).length,
        newest: open.slice(0, 3).map((i) => ({ id: i.id, categoryName: i.categoryName, priority: i.priority, overdue: i.overdue })),
      },
      screening,
    };
  },
});
