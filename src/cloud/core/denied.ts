/**
 * A session refused at the role gate (the caller holds no role that may call
 * the action) leaves an audit row: who tried what (DESIGN.md §7: every
 * denied attempt is on record). Bounded like case.get's refusals: past
 * GATE_DENIALS_AUDITED_PER_HOUR a caller's further refusals in that hour
 * write no row (the rows so far already show the probing), so a script
 * cannot fill the audit log.
 *
 * The row is always `action: 'denied'` with `detail: { gate: 'role', action }`
 * (so the gate's refusals stay apart from a handler's `denied:<action>`,
 * core/deniedAudit.ts). Its subject is the action, except for a sensitive
 * read (SENSITIVE_READS) whose request names a record in a sane shape: then
 * the subject is that record (a class teacher trying to open a child's
 * 一生一策 file → subjectType 'student', subjectId the child), so the child's
 * read log (screening.readLog) lists the attempt with the handler's refusals.
 */
import { isAppError } from '../../domain/errors';
import type { Store } from '../store/types';
import { writeAudit } from './audit';
import type { Clock } from './context';
import { rateLimit } from './rateLimit';
import { SENSITIVE_READS, subjectOf } from './deniedAudit';

export const GATE_DENIALS_AUDITED_PER_HOUR = 30;

export async function auditGateDenial(
  env: { store: Store; clock: Clock; serverKey: string }, rateIdentity: string, userId: string, action: string, data?: unknown,
): Promise<void> {
  try {
    await rateLimit(env.store, env.clock, env.serverKey, rateIdentity, 'gate.denied', GATE_DENIALS_AUDITED_PER_HOUR, 3600_000);
  } catch (e) {
    if (isAppError(e) && e.code === 'RATE_LIMITED') return;
    throw e;
  }
  const record = SENSITIVE_READS.has(action) ? subjectOf(data) : null;
  await writeAudit(env.store, env.clock, userId, {
    action: 'denied', subjectType: record?.type ?? 'action', subjectId: record?.id ?? action, detail: { gate: 'role', action },
  });
}
