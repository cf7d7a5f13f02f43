/**
 * Holiday reminders are outbox rows with deterministic ids
 * (`holiday:<campaign>:<kind>:<guardian user id>`), inserted only if absent,
 * so each reminder is written at most once per guardian, campaign and kind,
 * however often the scheduler runs and wherever a run died.
 */
import type { OutboxMessage } from '../../core/context';
import type { Store } from '../../store/types';

export const HOLIDAY_PAGE = '/packageHoliday/pages/letter/index';

export interface ReminderRow { campaignId: string; kind: string; userId: string; message: Omit<OutboxMessage, 'to' | 'channel'> }

export const reminderId = (campaignId: string, kind: string, userId: string) => `holiday:${campaignId}:${kind}:${userId}`;

/** How many of `rows` have no reminder yet (what enqueueReminders would write now). */
export async function unsentCount(store: Store, rows: readonly ReminderRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => reminderId(r.campaignId, r.kind, r.userId));
  return ids.length - (await store.collection('outbox').find({ _id: { $in: ids } })).length;
}

/** Inserts the rows not yet written; answers how many were new. One look-up and one batch insert per call. */
export async function enqueueReminders(store: Store, rows: readonly ReminderRow[], now: number): Promise<number> {
  if (rows.length === 0) return 0;
  const outbox = store.collection('outbox');
  const ids = rows.map((r) => reminderId(r.campaignId, r.kind, r.userId));
  const existing = new Set((await outbox.find({ _id: { $in: ids } })).map((d) => d._id));
  const fresh = rows
    .map((r, i) => ({ r, id: ids[i] }))
    .filter(({ id }) => !existing.has(id))
    .map(({ r, id }) => ({
      _id: id, channel: 'subscribe_message', to: r.userId, ...r.message, status: 'pending', createdAt: now,
      holidayCampaignId: r.campaignId, holidayKind: r.kind,
    }));
  // insert-if-absent: a row another run wrote a moment ago is left as it is
  return fresh.length ? outbox.insertMany(fresh) : 0;
}
