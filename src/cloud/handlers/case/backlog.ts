import { z } from 'zod';
import { caseNumber, compareCases, isOverdue, nextDeadline } from '../../../domain/case';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { CITY } from '../../../domain/catalog';
import { defineAction } from '../../core/action';
import type { Filter } from '../../store/types';
import { categoryName, jurisdictionName, schoolName, type CaseDoc } from './views';
import { content } from '../../../content';

const MAX_ITEMS = 500;

/**
 * 未办结 for a coordinator: every open case in my area, without content.
 * Oversight needs to see the backlog (what kind, where, how old, which
 * deadline) but not to widen who reads a child's report: no description,
 * place, messages, photos or reporter; the case itself opens only under
 * DESIGN.md §7 (escalated or overdue), as case.get decides. The read is
 * audited like any other.
 */
export const backlog = defineAction({
  name: 'case.backlog',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const areas = coordinatedJurisdictions(ctx.caller!.roles);
    const now = ctx.clock.now().getTime();
    const inArea: Filter = areas.includes(CITY) ? {} : { jurisdiction: { $in: areas } };
    const cases = ctx.store.collection<CaseDoc>('cases');
    const open = [
      ...await cases.find({ ...inArea, status: 'new' }, { limit: MAX_ITEMS }),
      ...await cases.find({ ...inArea, status: 'acknowledged' }, { limit: MAX_ITEMS }),
    ].sort(compareCases).slice(0, MAX_ITEMS);
    await ctx.audit({ action: 'case.backlog', detail: { areas, count: open.length } });
    return {
      items: open.map((c) => ({
        caseNumber: caseNumber(c),
        category: c.category,
        categoryName: categoryName(c.category),
        priority: c.priority,
        status: c.status,
        statusName: content.reportVocabulary.statuses[c.status],
        jurisdictionName: jurisdictionName(c.jurisdiction),
        ...(c.schoolId ? { schoolName: schoolName(c.schoolId, c) ?? undefined } : {}),
        createdAt: c.createdAt,
        dueAt: nextDeadline(c),
        overdue: isOverdue(c, now),
        escalationLevel: c.escalationLevel,
      })),
    };
  },
});
