import type { Store } from '../store/types';
import type { Clock, Outbox, OutboxMessage } from './context';
import { randomToken } from './crypto';

/**
 * Notifications are written to the `outbox` collection in the same call that
 * causes them, so nothing is lost if delivery fails. In production the
 * scheduler delivers pending rows as WeChat subscription messages; locally
 * they stay in the outbox where tests and the README's demo can see them.
 */
export function storeOutbox(store: Store, clock: Clock): Outbox {
  return {
    async send(msg: OutboxMessage) {
      const now = clock.now().getTime();
      await store.collection('outbox').insert({
        _id: `${now.toString(36)}-${randomToken(9)}`,
        ...msg,
        status: 'pending',
        createdAt: now,
      });
    },
  };
}
