import { z } from 'zod';
import { canRead, canReadFull, caseAccess, compareCases, isOverdue, unitKeysOf } from '../../../domain/case';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { CITY } from '../../../domain/catalog';
import { defineAction } from '../../core/action';
import type { Filter } from '../../store/types';
import { hasUnread, readsOf } from './reads';
import { listItem, type CaseDoc } from './views';

/** An inbox longer than this is a backlog to clear, not a list to scroll; the most urgent come first. */
const MAX_ITEMS = 500;

/**
 * The caller's inbox. Handlers and school posts: cases routed to their unit
 * (lead or informed). Coordinators: cases escalated or overdue in their area
 * (a county, or the whole city). Anyone who filed mandatory reports: those
 * too, marked `mine`.
 */
export const list = defineAction({
  name: 'case.list',
  input: z.object({
    status: z.enum(['new', 'acknowledged', 'resolved'], { errorMap: () => ({ message: '案件状态不对，请重新选择。' }) }).optional(),
    overdueOnly: z.boolean({ invalid_type_error: '“只看超时”的选项不对。' }).optional(),
  }).strict(),
  labels: { status: '案件状态', overdueOnly: '只看超时' },
  async handle({ status, overdueOnly }, ctx) {
    const caller = ctx.caller!;
    const now = ctx.clock.now().getTime();
    const cases = ctx.store.collection<CaseDoc>('cases');
    const byStatus: Filter = status ? { status } : {};
    const found = new Map<string, CaseDoc>();
    const add = (rows: CaseDoc[]) => rows.forEach((c) => found.set(c._id, c));
    const recentFirst = { orderBy: [['createdAt', 'desc']] as Array<[string, 'asc' | 'desc']>, limit: MAX_ITEMS };

    for (const key of unitKeysOf(caller.roles)) add(await cases.find({ deptIds: { $has: key }, ...byStatus }, recentFirst));

    const areas = coordinatedJurisdictions(caller.roles);
    if (areas.length > 0) {
      // Escalated, or overdue by either deadline, within the coordinator's county (or anywhere, for the city).
      const inArea: Filter = areas.includes(CITY) ? {} : { jurisdiction: { $in: areas } };
      const wanted = (f: Filter) => ({ ...inArea, ...f });
      if (!status || status === 'new') add(await cases.find(wanted({ status: 'new', dueAt: { $lte: now } }), recentFirst));
      if (!status || status === 'acknowledged') add(await cases.find(wanted({ status: 'acknowledged', resolveDueAt: { $lte: now } }), recentFirst));
      add(await cases.find(wanted({ escalationLevel: { $gt: 0 }, ...byStatus }), recentFirst));
      // Cases that moved to another county while a unit of mine still leads them (transfer.ts).
      if (!areas.includes(CITY)) for (const a of areas) add(await cases.find({ leadJurisdictions: { $has: a }, ...byStatus }, recentFirst));
    }

    add(await cases.find({ reporterUserId: caller.userId, ...byStatus }, recentFirst));

    const reads = await readsOf(ctx.store, caller.userId);
    const items = [...found.values()]
      .map((c) => ({ c, access: caseAccess(c, caller.userId, caller.roles, now) }))
      // The same rule as case.get, so the list never shows a case its reader cannot open.
      .filter(({ access }) => canRead(access))
      .filter(({ c }) => !overdueOnly || isOverdue(c, now))
      .sort((a, b) => compareCases(a.c, b.c))
      .slice(0, MAX_ITEMS)
      .map(({ c, access }) => listItem(c, {
        lead: access.lead, informed: access.informed, mine: access.reporter,
        unread: canReadFull(access) && hasUnread(c, reads.get(c._id)),
      }, now));
    return { items };
  },
});
