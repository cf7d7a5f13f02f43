import type { Clock } from '../../core/context';
import { storeOutbox } from '../../core/outbox';
import { purgeRateLimits } from '../../core/rateLimit';
import { runEscalation } from '../../handlers/scheduler/escalate';
import type { Store } from '../../store/types';

/**
 * What the timer trigger runs (every 5 minutes on CloudBase, every minute
 * locally): escalate overdue cases, remind handlers, expire rate-limit keys.
 * Each job is idempotent, so overlapping runs are harmless.
 */
export async function runScheduledJobs({ store, clock }: { store: Store; clock: Clock }) {
  const escalation = await runEscalation({ store, clock, outbox: storeOutbox(store, clock) });
  await purgeRateLimits(store, clock.now().getTime());
  return { escalation };
}
