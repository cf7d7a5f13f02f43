import type { Store } from '../store/types';
import type { AuditEntry, Clock } from './context';
import { randomToken } from './crypto';

/** Append-only audit log (逐案倒查): who, what, when. Actor is a user id or 'anonymous'. */
export async function writeAudit(store: Store, clock: Clock, actorId: string, entry: AuditEntry) {
  const at = clock.now().getTime();
  await store.collection('audit').insert({
    _id: `${at.toString(36)}-${randomToken(9)}`,
    at,
    actorId,
    action: entry.action,
    subjectId: entry.subjectId ?? null,
    subjectType: entry.subjectType ?? null,
    detail: entry.detail ?? null,
  });
}
