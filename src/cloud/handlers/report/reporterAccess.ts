/**
 * The door to a report for whoever holds its tracking code and secret.
 *
 * No oracle: an unknown code and a wrong secret get the same answer, take
 * the same time (an unknown code is checked against a dummy hash), and count
 * towards the same lock. Five wrong secrets lock the code for 15 minutes,
 * during which even the right secret is refused; the right secret resets the
 * count. Each try is counted before the slow check, atomically, so parallel
 * guesses share the same five tries. Failures also count against the
 * caller's rate limit, and a caller past it is refused before any check, so
 * one caller cannot walk through many codes.
 *
 * The lock is kept in `secret_attempts` under an HMAC of the code, so that
 * table cannot be read as a list of tracking codes.
 */
import { parseSecret, parseTrackingCode } from '../../../domain/case';
import { AppError, isAppError } from '../../../domain/errors';
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

  // A caller past the failure limit is refused before the check: counting failures alone would still
  // let them learn when a guess is right.
  await ctx.rateLimit('report.secret', FAILURES_PER_HOUR, 3600_000, 'check');

  const now = ctx.clock.now().getTime();
  const attempts = ctx.store.collection<AttemptsDoc>('secret_attempts');
  const key = attemptsKey(ctx, trackingCode);
  const record = await attempts.get(key);
  if (record && record.lockedUntil > now) throw locked(record.lockedUntil, now);
  // Take one of the five tries before the slow check, so a burst of parallel guesses cannot all
  // be checked before any of them is counted.
  if (!(await reserveAttempt(ctx, key, record, now))) throw locked((await attempts.get(key))?.lockedUntil || now + LOCK_MS, now);

  const [found] = await ctx.store.collection<CaseDoc>('cases').find({ trackingCode, channel: 'anonymous' }, { limit: 1 });
  const ok = found?.secretHash ? await verifySlowHash(secret, found.secretHash) : (await verifySlowHash(secret, await dummy()), false);

  if (ok && found) {
    await attempts.remove(key);
    return found;
  }

  // Count the failure against this caller too: past the hourly limit this throws RATE_LIMITED.
  await ctx.rateLimit('report.secret', FAILURES_PER_HOUR, 3600_000);
  // The try this call reserved is now a failure; the row is gone only if a right secret reset it meanwhile.
  const failures = (await attempts.get(key))?.failures ?? 1;
  if (failures >= MAX_WRONG_SECRETS) {
    const until = now + LOCK_MS;
    await attempts.put({ _id: key, failures: 0, lockedUntil: until, expiresAt: until + FORGET_FAILURES_MS });
    throw locked(until, now);
  }
  throw new AppError('NOT_FOUND', ACCESS_MESSAGES.wrong);
}

/**
 * Counts one try against the code, atomically: true if it was one of the
 * MAX_WRONG_SECRETS allowed, false if they are used up (locked, or about to be).
 * A stale run (forgotten, or a lock that has run out) starts again from one.
 */
async function reserveAttempt(ctx: Ctx, key: string, record: AttemptsDoc | null, now: number): Promise<boolean> {
  const attempts = ctx.store.collection<AttemptsDoc>('secret_attempts');
  const fresh = { failures: 1, lockedUntil: 0, expiresAt: now + FORGET_FAILURES_MS };
  if (!record) {
    try {
      await attempts.insert({ _id: key, ...fresh });
      return true;
    } catch (e) {
      if (!(isAppError(e) && e.code === 'CONFLICT')) throw e; // a parallel try made the row: count against it
    }
  } else if (record.expiresAt <= now || (record.lockedUntil > 0 && record.lockedUntil <= now)) {
    // Compare-and-set on the stale row, so only one of several parallel tries restarts the count.
    const restarted = await attempts.updateIf(key, { failures: record.failures, lockedUntil: record.lockedUntil, expiresAt: record.expiresAt }, { set: fresh });
    if (restarted) return true;
  }
  return attempts.updateIf(
    key,
    { failures: { $lt: MAX_WRONG_SECRETS }, lockedUntil: { $lte: now } },
    { inc: { failures: 1 }, set: { expiresAt: now + FORGET_FAILURES_MS } },
  );
}

function locked(until: number, now: number) {
  return new AppError('LOCKED', ACCESS_MESSAGES.locked(Math.max(1, Math.ceil((until - now) / 60000))));
}
