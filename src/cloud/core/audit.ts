import { isAppError } from '../../domain/errors';
import type { Store } from '../store/types';
import type { AuditEntry, Clock } from './context';
import { randomToken } from './crypto';

/**
 * Append-only audit log (逐案倒查): who, what, when. Actor is a user id or 'anonymous'.
 * With an `id` (from the request: ctx.newId) the entry is written once however often the request is retried.
 */
export async function writeAudit(store: Store, clock: Clock, actorId: string, entry: AuditEntry, id?: string) {
  const at = clock.now().getTime();
  try {
    await store.collection('audit').insert({
      _id: id ?? `${at.toString(36)}-${randomToken(9)}`,
      at,
      actorId,
      action: entry.action,
      subjectId: entry.subjectId ?? null,
      subjectType: entry.subjectType ?? null,
      detail: entry.detail ?? null,
    });
  } catch (e) {
    if (!(id && isAppError(e) && e.code === 'CONFLICT')) throw e;
  }
}
