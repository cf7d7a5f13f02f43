/**
 * Denied attempts to read sensitive records are audited (DESIGN.md §7:
 * "every read … and every denied attempt"): who tried, which action, on
 * what. The dispatcher calls this once for every error the handler (or its
 * input check) raised; only a FORBIDDEN answer to one of these reads is
 * written, as `denied:<action>` with the record as subject. An audit failure
 * never changes the answer the caller gets.
 *
 * A refusal at the role gate is written by core/denied.ts instead (one row per
 * refusal, bounded per caller): `denied`, and for one of these reads that
 * names a record, that record as subject too, so a child's read log
 * (screening.readLog) shows both kinds of refusal.
 */
import type { AppError } from '../../domain/errors';
import type { Store } from '../store/types';
import { writeAudit } from './audit';
import type { Clock } from './context';

/** Reads of screening results, files, consent records, PIPL requests and cases. */
export const SENSITIVE_READS = new Set([
  'screening.results', 'screening.file', 'screening.readLog', 'screening.requests', 'screening.current',
  'screening.completion', 'screening.stats', 'case.get', 'case.list',
  // GET /files/:id with a bad or expired signature (local server)
  'file.read',
]);

export const DENIED_PREFIX = 'denied:';

const SUBJECT = /^[A-Za-z0-9_.:-]{1,80}$/;

/** The record the caller asked for, when the request names one in a sane shape. */
export function subjectOf(data: unknown): { id: string; type: string } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  for (const [key, type] of [['studentId', 'student'], ['fileId', 'file'], ['campaignId', 'campaign'], ['id', 'record']] as const) {
    const v = d[key];
    if (typeof v === 'string' && SUBJECT.test(v)) return { id: v, type };
  }
  return null;
}

export async function auditDenied(store: Store, clock: Clock, userId: string | null, action: string, data: unknown, e: AppError): Promise<void> {
  if (e.code !== 'FORBIDDEN' || !SENSITIVE_READS.has(action)) return;
  const subject = subjectOf(data);
  await writeAudit(store, clock, userId ?? 'anonymous', {
    action: DENIED_PREFIX + action, subjectId: subject?.id, subjectType: subject?.type, detail: { code: e.code },
  }).catch(() => undefined);
}
