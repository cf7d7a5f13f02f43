/**
 * The door to a report for whoever holds its tracking code and secret.
 *
 * No oracle: an unknown code and a wrong secret get the same answer, take
 * the same time (an unknown code is checked against a dummy hash), and count
 * towards the same lock. Five wrong secrets lock the code for 15 minutes,
 * during which even the right secret is refused; the right secret resets the
 * count. Failures also count against the caller's rate limit, so one caller
 * cannot walk through many codes.
 *
 * The lock is kept in `secret_attempts` under an HMAC of the code, so that
 * table cannot be read as a list of tracking codes.
 */
import { parseSecret, parseTrackingCode } from '../../../domain/case';
import { AppError } from '../../../domain/errors';
import type { Ctx } from '../../core/context';
import { hmac, slowHash, verifySlowHash } from '../../core/crypto';
import type { CaseDoc } from '../case/views';

export const MAX_WRONG_SECRETS = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** A run of wrong secrets is forgotten a day after the last one. */
const FORGET_FAILURES_MS = 24 * 3600 * 1000;
/** Wrong secrets one caller may try per hour, across all codes. */
const FAILURES_PER_HOUR = 30;

export const ACCESS_MESSAGES = {
  badCode: '查询码应该是10位字母和数字（比如 K7QH-M3XP-9R），请核对后再输入。',
  badSecret: '查询密码应该是8位字母和数字，请核对后再输入。',
  wrong: '查询码或查询密码不对，请核对后再试。注意：连续输错5次会锁定15分钟。',
  locked: (minutes: number) => `查询码或密码输错次数太多，为了保护举报人，已暂时锁定。请${minutes}分钟后再试。`,
} as const;

interface AttemptsDoc {
  _id: string;
  failures: number;
  /** epoch ms until which the code is locked; 0 when not locked */
  lockedUntil: number;
  /** when this row may be deleted (the scheduler purges it) */
  expiresAt: number;
  [key: string]: unknown;
}

let dummyHash: Promise<string> | null = null;
/** A hash to check against when the code is unknown, so the answer takes as long as a wrong secret. */
const dummy = () => (dummyHash ??= slowHash('no-such-report-secret'));

const attemptsKey = (ctx: Ctx, trackingCode: string) => hmac(ctx.serverKey, 'secret-attempts:' + trackingCode).slice(0, 40);

/** The case behind a code and secret, or an AppError (BAD_INPUT, NOT_FOUND, LOCKED, RATE_LIMITED). */
export async function openReport(ctx: Ctx, codeInput: string, secretInput: string): Promise<CaseDoc> {
  const trackingCode = parseTrackingCode(codeInput);
  if (!trackingCode) throw new AppError('BAD_INPUT', ACCESS_MESSAGES.badCode);
  const secret = parseSecret(secretInput);
  if (!secret) throw new AppError('BAD_INPUT', ACCESS_MESSAGES.badSecret);

  const now = ctx.clock.now().getTime();
  const attempts = ctx.store.collection<AttemptsDoc>('secret_attempts');
  const key = attemptsKey(ctx, trackingCode);
  const record = await attempts.get(key);
  if (record && record.lockedUntil > now) throw locked(record.lockedUntil, now);

  const [found] = await ctx.store.collection<CaseDoc>('cases').find({ trackingCode, channel: 'anonymous' }, { limit: 1 });
  const ok = found?.secretHash ? await verifySlowHash(secret, found.secretHash) : (await verifySlowHash(secret, await dummy()), false);

  if (ok && found) {
    if (record) await attempts.remove(key);
    return found;
  }

  // Count the failure against this caller first: past the hourly limit this throws RATE_LIMITED.
  await ctx.rateLimit('report.secret', FAILURES_PER_HOUR, 3600_000);
  const failures = await countFailure(ctx, key, record, now);
  if (failures >= MAX_WRONG_SECRETS) {
    const until = now + LOCK_MS;
    await attempts.update(key, { set: { failures: 0, lockedUntil: until, expiresAt: until + FORGET_FAILURES_MS } });
    throw locked(until, now);
  }
  throw new AppError('NOT_FOUND', ACCESS_MESSAGES.wrong);
}

async function countFailure(ctx: Ctx, key: string, record: AttemptsDoc | null, now: number): Promise<number> {
  const attempts = ctx.store.collection<AttemptsDoc>('secret_attempts');
  const fresh: AttemptsDoc = { _id: key, failures: 1, lockedUntil: 0, expiresAt: now + FORGET_FAILURES_MS };
  // A stale run (forgotten, or a lock that has run out) starts again from one.
  if (!record || record.expiresAt <= now || (record.lockedUntil > 0 && record.lockedUntil <= now)) {
    if (record) await attempts.put(fresh);
    else {
      try { await attempts.insert(fresh); } catch { await attempts.update(key, { inc: { failures: 1 } }); }
    }
  } else {
    await attempts.update(key, { inc: { failures: 1 }, set: { expiresAt: now + FORGET_FAILURES_MS } });
  }
  return (await attempts.get(key))?.failures ?? 1;
}

function locked(until: number, now: number) {
  return new AppError('LOCKED', ACCESS_MESSAGES.locked(Math.max(1, Math.ceil((until - now) / 60000))));
}
