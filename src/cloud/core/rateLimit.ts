import { AppError } from '../../domain/errors';
import type { Store } from '../store/types';
import type { Clock } from './context';
import { hmac, randomToken } from './crypto';

const DAY_MS = 24 * 3600 * 1000;

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
  bucket: string, limit: number, windowMs: number,
) {
  const now = clock.now().getTime();
  const key = hmac(serverKey, await dailySalt(store, now));
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const id = hmac(key, `${bucket}:${identity}`).slice(0, 40) + ':' + windowStart.toString(36);
  const col = store.collection<{ _id: string; count: number; expiresAt: number }>('rate_limits');
  const doc = await col.get(id);
  if (doc && doc.count >= limit) throw new AppError('RATE_LIMITED', '提交太频繁了，请一小时后再试。如遇紧急危险，请立即拨打110。');
  if (doc) await col.update(id, { inc: { count: 1 } });
  else {
    try {
      await col.insert({ _id: id, count: 1, expiresAt: windowStart + windowMs });
    } catch {
      await col.update(id, { inc: { count: 1 } });
    }
  }
}

async function dailySalt(store: Store, now: number): Promise<string> {
  const day = new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10); // UTC+8 calendar day
  const col = store.collection<{ _id: string; key: string; expiresAt: number }>('rate_keys');
  const existing = await col.get(day);
  if (existing) return existing.key;
  const key = randomToken(32);
  try {
    await col.insert({ _id: day, key, expiresAt: now + 2 * DAY_MS });
    return key;
  } catch {
    return (await col.get(day))!.key;
  }
}

/** Removes expired counters and keys (run by the scheduler). */
export async function purgeRateLimits(store: Store, now: number) {
  await store.collection('rate_limits').removeWhere({ expiresAt: { $lt: now } });
  await store.collection('rate_keys').removeWhere({ expiresAt: { $lt: now } });
}
