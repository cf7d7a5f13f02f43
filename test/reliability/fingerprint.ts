/**
 * A fingerprint of the data that matters: every collection except the
 * bookkeeping ones a refused call may legitimately touch (its audit entry,
 * rate-limit counters, secret-attempt counters, idempotency markers).
 * Two equal fingerprints mean no business row was added, changed or removed.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../src/cloud/store/types';

export const BOOKKEEPING = new Set(['audit', 'rate_limits', 'rate_keys', 'secret_attempts', 'idempotency']);

export async function businessFingerprint(store: Store): Promise<string> {
  const dump = await store.dump!();
  const hash = createHash('sha256');
  for (const table of Object.keys(dump).sort()) {
    if (BOOKKEEPING.has(table)) continue;
    const rows = dump[table].map((r) => JSON.stringify(r)).sort();
    hash.update(table + '\n' + rows.join('\n') + '\n');
  }
  return hash.digest('hex');
}
