import { AppError } from '../../domain/errors';
import type { Store } from '../store/types';
import type { Clock } from './context';
import { hmac, randomToken } from './crypto';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Rate limiting that cannot be turned into a list of who reported.
 * The caller is keyed by HMAC(dailyKey, identity); the daily key is random,
 * stored in its own collection and deleted after two days, after which
 * yesterday's counters cannot be linked to anyone, even by us.
 */
export async function rateLimit(
  store: Store, clock: Clock, _serverKey: string, identity: string,
  bucket: string, limit: number, windowMs: number,
) {
  const now = clock.now().getTime();
  const key = await dailyKey(store, now);
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

async function dailyKey(store: Store, now: number): Promise<string> {
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
