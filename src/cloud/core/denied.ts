/**
 * A session refused at the role gate (the caller holds no role that may call
 * the action) leaves an audit row: who tried what (DESIGN.md §7: every
 * denied attempt is on record). Bounded like case.get's refusals: past
 * GATE_DENIALS_AUDITED_PER_HOUR a caller's further refusals in that hour
 * write no row (the rows so far already show the probing), so a script
 * cannot fill the audit log.
 */
import { isAppError } from '../../domain/errors';
import type { Store } from '../store/types';
import { writeAudit } from './audit';
import type { Clock } from './context';
import { rateLimit } from './rateLimit';

export const GATE_DENIALS_AUDITED_PER_HOUR = 30;

export async function auditGateDenial(
  env: { store: Store; clock: Clock; serverKey: string }, rateIdentity: string, userId: string, action: string,
): Promise<void> {
  try {
    await rateLimit(env.store, env.clock, env.serverKey, rateIdentity, 'gate.denied', GATE_DENIALS_AUDITED_PER_HOUR, 3600_000);
  } catch (e) {
    if (isAppError(e) && e.code === 'RATE_LIMITED') return;
    throw e;
  }
  await writeAudit(env.store, env.clock, userId, { action: 'denied', subjectType: 'action', subjectId: action, detail: { gate: 'role' } });
}
