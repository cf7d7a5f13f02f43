/**
 * Reminds the lead departments of a monthly return that is not filed yet, a
 * few days before its deadline (RETURN_REMIND_DAYS before the RETURN_DUE_DAY
 * of the next month): one outbox row per county, department and month, under
 * a fixed id inserted only if absent, so however often the timer runs (or
 * wherever a run died) each department is reminded once a month.
 */
import { content } from '../../../content';
import { chinaDay } from '../../../domain/chinaTime';
import { addMonths } from '../../../domain/targets';
import type { Clock } from '../../core/context';
import type { Store } from '../../store/types';
import { deptName, dueAtOf, RETURN_AREAS, RETURN_KINDS, returnsOf } from '../targets/returns';

export const RETURNS_PAGE = '/packageDesk/pages/return/index';
const DAY_MS = 86_400_000;

export async function runReturnReminders({ store, clock }: { store: Store; clock: Clock }): Promise<number> {
  const now = clock.now().getTime();
  const month = addMonths(chinaDay(now).slice(0, 7), -1); // the month whose return is due this month
  const dueAt = dueAtOf(month);
  if (now < dueAt - content.targets.RETURN_REMIND_DAYS * DAY_MS || now > dueAt) return 0;
  const filed = new Set((await returnsOf(store, [month], RETURN_AREAS)).map((r) => `${r.countyId}|${r.deptKind}`));
  const rows = [];
  for (const countyId of RETURN_AREAS) {
    for (const kind of RETURN_KINDS) {
      if (filed.has(`${countyId}|${kind}`)) continue;
      const dept = content.catalog.departments.find((d) => d.jurisdiction === countyId && d.kind === kind);
      if (!dept) continue;
      rows.push({
        _id: `return-reminder|${countyId}|${kind}|${month}`,
        channel: 'subscribe_message', to: dept.id, template: 'return_reminder',
        data: { month, due: chinaDay(dueAt - 1), dept: deptName(countyId, kind) },
        page: `${RETURNS_PAGE}?countyId=${countyId}&month=${month}`,
        status: 'pending', createdAt: now,
      });
    }
  }
  return store.collection('outbox').insertMany(rows);
}
