import type { Clock } from './context';
import { hmac } from './crypto';
import { ADDRESS_SHARED_BY, isAddressIdentity, limited, rateLimit } from './rateLimit';
import type { Store } from '../store/types';

/**
 * The dispatcher's per-caller count of writes (every write action is bounded
 * per caller and hour: policy.ts writesPerHour), wherever it is kept.
 * `mode` means what it means for rateLimit (rateLimit.ts): 'check' refuses at
 * the limit and counts nothing, 'count' is compare-and-increment, 'cancel'
 * gives back a call counted in advance that did not happen.
 */
export interface WriteLimiter {
  /**
   * True when the count is a row written inside the request's unit of work (rolled back with it); false
   * when it is kept outside any transaction, so the dispatcher gives back ('cancel') a count whose unit
   * then failed to commit.
   */
  readonly inUnit: boolean;
  limit(identity: string, bucket: string, limit: number, windowMs: number, mode: 'check' | 'count' | 'cancel'): Promise<void>;
}

/** The counter as a row in rate_limits (rateLimit.ts): what CloudBase uses, and the test harness by default. */
export const storedWriteLimiter = (store: Store, clock: Clock, serverKey: string): WriteLimiter => ({
  inUnit: true,
  limit: (identity, bucket, limit, windowMs, mode) => rateLimit(store, clock, serverKey, identity, bucket, limit, windowMs, mode),
});

/** How often counters of windows that have ended are swept out. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The count kept in this process's memory (the local server, issue 17): a
 * stored counter cost a keyed lookup and a row written per write request,
 * about a third of its time in process. Decision: this limit exists to stop
 * scripts, not to be exact across restarts, so a restart forgetting the hour's
 * counts is acceptable; the local server is one process, so one memory sees
 * every request (a second server process on the same file would get its own
 * limit: don't run two). Limits that guard secrets (report.status tries,
 * invitation codes) stay stored, through ctx.rateLimit: they must survive a
 * restart. CloudBase keeps the stored counter (storedWriteLimiter): a
 * function runs as many instances, each with its own memory.
 *
 * Compare-and-increment is one synchronous step on the event loop, so a
 * parallel burst cannot pass the limit. Callers are keyed by an HMAC under the
 * server key, so the map holds no address or user id in the clear.
 */
export function memoryWriteLimiter(clock: Clock, serverKey: string): WriteLimiter {
  const counts = new Map<string, { count: number; until: number }>();
  let sweptAt = 0;
  const sweep = (now: number) => {
    if (now - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = now;
    for (const [key, c] of counts) if (c.until <= now) counts.delete(key);
  };
  return {
    inUnit: false,
    async limit(identity, bucket, limit, windowMs, mode) {
      const now = clock.now().getTime();
      sweep(now);
      if (isAddressIdentity(identity)) limit *= ADDRESS_SHARED_BY;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const key = hmac(serverKey, `${bucket}:${identity}`).slice(0, 32) + ':' + windowStart.toString(36);
      const c = counts.get(key);
      if (mode === 'check') {
        if ((c?.count ?? 0) >= limit) throw limited();
      } else if (mode === 'cancel') {
        if (c && c.count > 0 && --c.count === 0) counts.delete(key);
      } else {
        if ((c?.count ?? 0) >= limit) throw limited();
        if (c) c.count++;
        else counts.set(key, { count: 1, until: windowStart + windowMs });
      }
    },
  };
}
