import type { RoleBinding } from '../../domain/roles';
import type { Store } from '../store/types';
import { commitCache } from './commitCache';

/**
 * Who is calling, kept for a moment: a session's user, and a user's roles.
 * Every request needs both, and a write request spent a good part of its time
 * reading them (issue 17). They are dropped at the commit of any write to the
 * collections a caller's access comes from (commitCache.ts), so a staff
 * member whose post is ended, a guardian unbound from a child, or a session
 * logged out loses access on the very next request, not some seconds later
 * (test/cloud/callerCache.test.ts). The roles live on the user; staff posts and
 * guardian links are watched too, in case a handler ever derives access from them.
 */
const WATCHES = ['sessions', 'users', 'guardianships', 'staff_posts'] as const;
/** Short: the commit signal is what keeps it right; this only bounds how long an idle entry takes memory. */
const TTL_MS = 3000;
const MAX_ENTRIES = 20_000;

export interface SessionRef { userId: string; expiresAt: number }

export interface CallerCache {
  /** The session with this token hash (its expiry is for the caller to check), or null. */
  session(tokenHash: string): Promise<SessionRef | null>;
  /** The user's role bindings (none for a user without a record), frozen: shared by requests. */
  roles(userId: string): Promise<readonly RoleBinding[]>;
  close(): void;
}

/** Answers null where the store cannot tell its commits (CloudBase): there every request reads. */
export function callerCache(store: Store, now?: () => number): CallerCache | null {
  const options = { watches: WATCHES, ttlMs: TTL_MS, maxEntries: MAX_ENTRIES, now };
  const sessions = commitCache<SessionRef>(store, options);
  const roles = commitCache<readonly RoleBinding[]>(store, options);
  if (!sessions || !roles) return null;
  return {
    // Only sessions that exist are kept: a flood of made-up tokens reads the store each time instead.
    session: (tokenHash) => sessions.get(tokenHash, () => readSession(store, tokenHash)),
    roles: async (userId) => (await roles.get(userId, () => readRoles(store, userId)))!,
    close() { sessions.close(); roles.close(); },
  };
}

export async function readSession(store: Store, tokenHash: string): Promise<SessionRef | null> {
  const s = await store.collection<{ _id: string; userId: string; expiresAt: number }>('sessions').get(tokenHash);
  return s ? { userId: s.userId, expiresAt: s.expiresAt } : null;
}

export async function readRoles(store: Store, userId: string): Promise<readonly RoleBinding[]> {
  const user = await store.collection<{ _id: string; roles?: RoleBinding[] }>('users').get(userId);
  // Frozen so that no handler can change the copy the next request will be handed.
  return Object.freeze((user?.roles ?? []).map((b) => Object.freeze({ ...b })));
}
