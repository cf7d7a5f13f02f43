import { AppError, isAppError } from '../../domain/errors';
import type { Store } from '../store/types';
import type { Clock } from './context';
import { hmac, randomToken } from './crypto';
import { chinaDay } from '../../domain/chinaTime';

const DAY_MS = 24 * 3600 * 1000;

/**
 * 'count': counts this call and refuses it past the limit. 'check': refuses
 * if the limit is already reached, counts nothing. A limit on failures needs
 * both: check before trying (else a caller past the limit would still be
 * told when a guess is right) and count once the try has failed. 'refund':
 * gives back one try counted in advance (a secret that turned out right; the
 * counter stays, at its lower count). 'cancel': takes back a call counted in
 * advance that then did not happen (a write the dispatcher counted before its
 * handler refused it or failed), and removes a counter that this leaves at
 * zero, so the call leaves no row behind.
 */
export type RateLimitMode = 'count' | 'check' | 'refund' | 'cancel';

/**
 * Callers without a session are keyed by their address ('ip:…'), and one
 * address can be a whole school: a computer room of ~50 students behind one
 * NAT, several classes an hour. Every hourly limit counted per address is
 * this many times the per-session one. Wherever there is a session (H5 sends
 * its token even on anonymous actions; weapp always has the OPENID) the limit
 * is per session, at its own size.
 */
export const ADDRESS_SHARED_BY = 10;
export const isAddressIdentity = (identity: string) => identity.startsWith('ip:');

/**
 * Rate limiting that cannot be turned into a list of who reported.
 * The caller is keyed by HMAC(dailyKey, identity) where
 * dailyKey = HMAC(SERVER_KEY, dailySalt): the salt is random, stored in its
 * own collection and deleted after two days; the server key lives only in
 * the function's environment. So a copy of the database alone cannot test
 * "did this OPENID report today?", and once the salt is gone nobody can,
 * even with the server key. Counters themselves expire with their window.
 */
export async function rateLimit(
  store: Store, clock: Clock, serverKey: string, identity: string,
  bucket: string, limit: number, windowMs: number, mode: RateLimitMode = 'count',
) {
  const now = clock.now().getTime();
  if (isAddressIdentity(identity)) limit *= ADDRESS_SHARED_BY;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const id = (await callerKey(store, clock, serverKey, identity, bucket)).slice(0, 40) + ':' + windowStart.toString(36);
  const col = store.collection<{ _id: string; count: number; expiresAt: number }>('rate_limits');
  if (mode === 'check') {
    if (((await col.get(id))?.count ?? 0) >= limit) throw limited();
    return;
  }
  if (mode === 'refund' || mode === 'cancel') {
    // Gives back a try taken in advance: never below zero.
    const givenBack = await col.updateIf(id, { count: { $gt: 0 } }, { inc: { count: -1 } });
    // A cancelled call leaves the table as it found it: a counter back at zero goes (only while it still
    // is at zero: a parallel request that counted meanwhile keeps it).
    if (givenBack && mode === 'cancel') await col.removeWhere({ _id: id, count: 0 });
    return;
  }
  // Compare-and-increment in one step: a read followed by a write would let a burst of
  // parallel requests all read "under the limit" before any of them counted.
  const underLimit = () => col.updateIf(id, { count: { $lt: limit } }, { inc: { count: 1 } });
  if (await underLimit()) return;
  try {
    await col.insert({ _id: id, count: 1, expiresAt: windowStart + windowMs });
    return;
  } catch (e) {
    if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
    // Created a moment ago by a parallel request: count against it.
    if (await underLimit()) return;
  }
  throw limited();
}

/**
 * A key for this caller and purpose that cannot be linked to who they are:
 * HMAC under the day's key (see rateLimit). It changes at midnight China
 * time, and nobody can recompute an old one once that day's salt is purged.
 */
export async function callerKey(store: Store, clock: Clock, serverKey: string, identity: string, purpose: string): Promise<string> {
  const key = hmac(serverKey, await dailySalt(store, clock.now().getTime()));
  return hmac(key, `${purpose}:${identity}`);
}

/** The refusal of a call past its limit (also memoryWriteLimit.ts's). */
export const limited = () => new AppError('RATE_LIMITED', '提交太频繁了，请一小时后再试。如遇紧急危险，请立即拨打110。');

/**
 * The day's salt, once read, is kept in memory for that store (a day's salt never changes once written;
 * only the day's own entry is kept, so a purged salt is not kept alive here): every request asks for it
 * two to four times.
 */
const saltCache = new WeakMap<Store, { day: string; key: string }>();

async function dailySalt(store: Store, now: number): Promise<string> {
  const day = chinaDay(now);
  const cached = saltCache.get(store);
  if (cached?.day === day) return cached.key;
  const col = store.collection<{ _id: string; key: string; expiresAt: number }>('rate_keys');
  const existing = await col.get(day);
  // Kept only once read back: a key this call writes could still be rolled back with its unit of work.
  if (existing) {
    saltCache.set(store, { day, key: existing.key });
    return existing.key;
  }
  const key = randomToken(32);
  try {
    await col.insert({ _id: day, key, expiresAt: now + 2 * DAY_MS });
    return key;
  } catch (e) {
    // Another request made the day's key a moment ago: use theirs. Any other failure is a fault, said as such.
    if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
    return (await col.get(day))!.key;
  }
}

/** Removes expired counters and keys (run by the scheduler). */
export async function purgeRateLimits(store: Store, now: number) {
  await store.collection('rate_limits').removeWhere({ expiresAt: { $lt: now } });
  await store.collection('rate_keys').removeWhere({ expiresAt: { $lt: now } });
}
