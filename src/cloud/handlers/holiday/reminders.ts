/**
 * Holiday reminders are outbox rows with deterministic ids
 * (`holiday:<campaign>:<kind>:<guardian user id>`), inserted only if absent,
 * so each reminder is written at most once per guardian, campaign and kind,
 * however often the scheduler runs and wherever a run died.
 */
import { isAppError } from '../../../domain/errors';
import type { OutboxMessage } from '../../core/context';
import type { Store } from '../../store/types';

export const HOLIDAY_PAGE = '/packageHoliday/pages/letter/index';

export interface ReminderRow { campaignId: string; kind: string; userId: string; message: Omit<OutboxMessage, 'to' | 'channel'> }

export const reminderId = (campaignId: string, kind: string, userId: string) => `holiday:${campaignId}:${kind}:${userId}`;

/** Inserts the rows not yet written; answers how many were new. One look-up per batch, then one insert per new row. */
export async function enqueueReminders(store: Store, rows: readonly ReminderRow[], now: number): Promise<number> {
  if (rows.length === 0) return 0;
  const outbox = store.collection('outbox');
  const ids = rows.map((r) => reminderId(r.campaignId, r.kind, r.userId));
  const existing = new Set((await outbox.find({ _id: { $in: ids } })).map((d) => d._id));
  let added = 0;
  for (let i = 0; i < rows.length; i++) {
    if (existing.has(ids[i])) continue;
    const r = rows[i];
    try {
      await outbox.insert({
        _id: ids[i], channel: 'subscribe_message', to: r.userId, ...r.message, status: 'pending', createdAt: now,
        holidayCampaignId: r.campaignId, holidayKind: r.kind,
      });
      existing.add(ids[i]);
      added++;
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e; // another run wrote it a moment ago
    }
  }
  return added;
}
