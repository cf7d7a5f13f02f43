import type { Clock } from '../../core/context';
import { storeOutbox } from '../../core/outbox';
import { runEscalation } from '../../handlers/scheduler/escalate';
import { purgeOrphanUploads } from '../../media/uploads';
import type { Store } from '../../store/types';

/**
 * What the timer trigger runs (every 5 minutes on CloudBase, every minute
 * locally): escalate overdue cases, remind handlers, expire rate-limit keys.
 * Each job is idempotent, so overlapping runs are harmless.
 */
export async function runScheduledJobs({ store, clock, uploadsDir }: { store: Store; clock: Clock; uploadsDir?: string }) {
  const escalation = await runEscalation({ store, clock, outbox: storeOutbox(store, clock) });
  const now = clock.now().getTime();
  // Photos nobody attached to a report within a day (local file store only; see README for CloudBase).
  const orphanUploads = uploadsDir ? await purgeOrphanUploads(store, uploadsDir, now) : 0;
  return { escalation, orphanUploads };
}
