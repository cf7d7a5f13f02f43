import { isAppError } from '../../domain/errors';
import type { Store } from '../store/types';
import type { Clock, Outbox, OutboxMessage } from './context';
import { randomToken } from './crypto';

/**
 * Notifications are written to the `outbox` collection by the request that
 * causes them (in its unit of work locally; before its done marker on
 * CloudBase), so nothing is lost if delivery fails. In production the
 * scheduler delivers pending rows as WeChat subscription messages; locally
 * they stay in the outbox where tests and the README's demo can see them.
 */
export function storeOutbox(store: Store, clock: Clock): Outbox {
  return {
    async send(msg: OutboxMessage, options?: { id?: string }) {
      const now = clock.now().getTime();
      try {
        await store.collection('outbox').insert({
          _id: options?.id ?? `${now.toString(36)}-${randomToken(9)}`,
          ...msg,
          status: 'pending',
          createdAt: now,
        });
      } catch (e) {
        // Already written by an earlier try of the same request: once is enough.
        if (!(options?.id && isAppError(e) && e.code === 'CONFLICT')) throw e;
      }
    },
  };
}
