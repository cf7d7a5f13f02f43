/**
 * The door to a report for whoever holds its tracking code and secret.
 *
 * Decision (who gets locked out): the guesser, never the reporter.
 * A tracking code is not a secret in practice: a classmate may see it over a
 * shoulder, and it used to be on every staff inbox card. If wrong secrets
 * locked the code for everyone, anyone who saw a code could keep the
 * reporter from the replies, on their own phone and on any other, by typing
 * five wrong secrets. So the counts are kept where the guessing happens:
 *
 *  1. per caller and code: five wrong secrets from one caller (a session, an
 *     OPENID, or an address without a session) lock that caller out of that
 *     code for 15 minutes. Other callers, the reporter among them, are not
 *     touched. The right secret resets this caller's count.
 *  2. per caller, across codes: every check, right or wrong, is counted
 *     against CHECKS_PER_HOUR, and wrong ones against FAILURES_PER_HOUR;
 *     both are taken atomically before the slow hash (a parallel burst
 *     cannot all be hashed before any is counted), a right secret gives its
 *     failure back. One caller cannot walk through many codes, nor flood the
 *     audit log with right-secret reads.
 *  3. per code, across all callers: a ceiling (CODE_FAILURES_PER_HOUR, 20
 *     callers' worth of five) against guessing one code from many sessions.
 *     At the ceiling, only a phone that has opened the report before (it holds
 *     a reader token, which the right secret hands out) is let in until the
 *     hour is over. Reaching it takes a script making dozens of sessions,
 *     not a glance over a shoulder; and the secret space (31^8 ≈ 8.5e11)
 *     against 100 guesses an hour is what makes the ceiling safe to keep
 *     high. A reporter on a new phone during such an attack waits that hour;
 *     the attack is in the case's timeline for the handler (case_events).
 *
 * No oracle: an unknown code and a wrong secret get the same answer, take the
 * same time (an unknown code is checked against a dummy hash), and count the
 * same way. Slow hashes run at most HASH_SLOTS at a time, so a burst of
 * checks cannot starve report submissions (which hash too) of the thread pool.
 *
 * The counts are kept in `secret_attempts` under HMACs (of the code, and of
 * the caller's daily key with the code), so that table can be read neither as
 * a list of tracking codes nor as who looked at which report.
 */
import { parseSecret, parseTrackingCode } from '../../../domain/case';
import { AppError, isAppError } from '../../../domain/errors';
import type { Ctx } from '../../core/context';
import { hmac, slowHash, verifySlowHash } from '../../core/crypto';
import { appendEvent } from '../case/events';
import type { CaseDoc } from '../case/views';

export const MAX_WRONG_SECRETS = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** A caller's run of wrong secrets on a code is forgotten two hours after the last one. */
const FORGET_FAILURES_MS = 2 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
/** Wrong secrets one caller may try per hour, across all codes. */
export const FAILURES_PER_HOUR = 30;
/** Checks (right or wrong) one caller may make per hour: a reporter looks a few times a day. */
export const CHECKS_PER_HOUR = 60;
/** Wrong secrets per code per hour across all callers before only known phones get in. */
export const CODE_FAILURES_PER_HOUR = 100;
/** Slow hashes for secret checks running at once (scrypt runs in libuv's pool of 4). */
export const HASH_SLOTS = 2;
/** Checks waiting for a slot beyond this are refused as busy rather than queued without end. */
const MAX_WAITING = 64;

export const ACCESS_MESSAGES = {
  badCode: '查询码应该是10位字母和数字（比如 K7QH-M3XP-9R），请核对后再输入。',
  badSecret: '查询密码应该是8位字母和数字，请核对后再输入。',
  wrong: '查询码或查询密码不对，请核对后再试。注意：在这台设备上连续输错5次会锁定15分钟。',
  locked: (minutes: number) => `在这台设备上查询码或密码输错次数太多，为了保护举报人，已暂时锁定。请${minutes}分钟后再试。`,
  ceiling: (minutes: number) => `这个查询码最近被很多人尝试过，为了保护举报人，新设备暂时不能查询。请${minutes}分钟后再试；以前查过的手机不受影响。`,
  busy: '现在查询的人太多了，请过一会儿再试。如遇紧急危险，请立即拨打110。',
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

/** Failures on one code from every caller in one clock hour. */
interface CeilingDoc {
  _id: string;
  failures: number;
  lockedUntil: number;
  expiresAt: number;
  [key: string]: unknown;
}

let dummyHash: Promise<string> | null = null;
/** A hash to check against when the code is unknown, so the answer takes as long as a wrong secret. */
const dummy = () => (dummyHash ??= slowHash('no-such-report-secret'));

/** A counting semaphore: at most `size` holders; `acquire` refuses when too many wait. */
export function semaphore(size: number, maxWaiting: number) {
  let free = size;
  const waiting: Array<() => void> = [];
  /** runs started and the most running at once (for tests and the bench) */
  const stats = { runs: 0, peak: 0 };
  return {
    stats,
    resetStats() { stats.runs = 0; stats.peak = 0; },
    async run<T>(f: () => Promise<T>, onBusy: () => Error): Promise<T> {
      if (free > 0) free--;
      else {
        if (waiting.length >= maxWaiting) throw onBusy();
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      stats.runs++;
      stats.peak = Math.max(stats.peak, size - free);
      try {
        return await f();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
    get inUse() { return size - free; },
  };
}

export const hashSlots = semaphore(HASH_SLOTS, MAX_WAITING);

/** A token the right secret hands to the phone: proof that this phone opened the code before (rule 3). */
export const readerToken = (ctx: Pick<Ctx, 'serverKey'>, trackingCode: string) =>
  hmac(ctx.serverKey, 'reader:' + trackingCode).slice(0, 32);

const ceilingKey = (ctx: Ctx, trackingCode: string, hourStart: number) =>
  hmac(ctx.serverKey, 'secret-ceiling:' + trackingCode).slice(0, 36) + ':' + hourStart.toString(36);

export interface OpenOptions {
  /** the reader token this phone got when it last opened the code */
  readerToken?: string;
}

/** The case behind a code and secret, or an AppError (BAD_INPUT, NOT_FOUND, LOCKED, RATE_LIMITED). */
export async function openReport(ctx: Ctx, codeInput: string, secretInput: string, opts: OpenOptions = {}): Promise<CaseDoc> {
  const trackingCode = parseTrackingCode(codeInput);
  if (!trackingCode) throw new AppError('BAD_INPUT', ACCESS_MESSAGES.badCode);
  const secret = parseSecret(secretInput);
  if (!secret) throw new AppError('BAD_INPUT', ACCESS_MESSAGES.badSecret);

  const now = ctx.clock.now().getTime();
  const hourStart = Math.floor(now / HOUR_MS) * HOUR_MS;
  const attempts = ctx.store.collection<AttemptsDoc>('secret_attempts');
  const ceilings = ctx.store.collection<CeilingDoc>('secret_attempts');

  // Rule 3: the ceiling across callers; a phone that has read the report before is let past it.
  const known = opts.readerToken !== undefined && opts.readerToken === readerToken(ctx, trackingCode);
  const ceiling = await ceilings.get(ceilingKey(ctx, trackingCode, hourStart));
  if (!known && ceiling && ceiling.failures >= CODE_FAILURES_PER_HOUR) {
    throw new AppError('LOCKED', ACCESS_MESSAGES.ceiling(Math.max(1, Math.ceil((hourStart + HOUR_MS - now) / 60000))));
  }

  // Rule 1: this caller's tries on this code, taken before the slow check.
  const key = hmac(ctx.serverKey, 'secret-attempts:' + (await ctx.callerKey('report.secret.code')) + ':' + trackingCode).slice(0, 40);
  const record = await attempts.get(key);
  if (record && record.lockedUntil > now) throw locked(record.lockedUntil, now);

  // Rule 2: every check counts, and each is provisionally a failure; both taken before the hash.
  await ctx.rateLimit('report.secret.check', CHECKS_PER_HOUR, HOUR_MS);
  await ctx.rateLimit('report.secret', FAILURES_PER_HOUR, HOUR_MS);

  if (!(await reserveAttempt(ctx, key, record, now))) throw locked((await attempts.get(key))?.lockedUntil || now + LOCK_MS, now);

  const [found] = await ctx.store.collection<CaseDoc>('cases').find({ trackingCode, channel: 'anonymous' }, { limit: 1 });
  const ok = await hashSlots.run(
    async () => (found?.secretHash ? verifySlowHash(secret, found.secretHash) : (await verifySlowHash(secret, await dummy()), false)),
    () => new AppError('RATE_LIMITED', ACCESS_MESSAGES.busy),
  );

  if (ok && found) {
    await attempts.remove(key);
    await ctx.rateLimit('report.secret', FAILURES_PER_HOUR, HOUR_MS, 'refund');
    return found;
  }

  await countAgainstCode(ctx, ceilingKey(ctx, trackingCode, hourStart), hourStart);
  // The try this call reserved is now a failure; the row is gone only if a right secret reset it meanwhile.
  const failures = (await attempts.get(key))?.failures ?? 1;
  if (failures >= MAX_WRONG_SECRETS) {
    const until = now + LOCK_MS;
    await attempts.put({ _id: key, failures: 0, lockedUntil: until, expiresAt: until + FORGET_FAILURES_MS });
    if (found) await traceLockedCaller(ctx, found, now);
    throw locked(until, now);
  }
  throw new AppError('NOT_FOUND', ACCESS_MESSAGES.wrong);
}

/** One more failure on the code this hour, from anyone. */
async function countAgainstCode(ctx: Ctx, id: string, hourStart: number) {
  const ceilings = ctx.store.collection<CeilingDoc>('secret_attempts');
  if (await ceilings.updateIf(id, {}, { inc: { failures: 1 } })) return;
  try {
    await ceilings.insert({ _id: id, failures: 1, lockedUntil: 0, expiresAt: hourStart + HOUR_MS });
  } catch (e) {
    if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
    await ceilings.updateIf(id, {}, { inc: { failures: 1 } });
  }
}

/**
 * Someone was locked out of this case for guessing: the handlers see that it
 * happened (never who: there is nothing about the caller in it), at most once
 * per case per hour, so guessing cannot flood the timeline.
 */
async function traceLockedCaller(ctx: Ctx, c: CaseDoc, now: number) {
  const hour = Math.floor(now / HOUR_MS);
  try {
    await appendEvent(ctx.store, ctx.clock, {
      id: `${c._id}:guessed:${hour.toString(36)}`,
      caseId: c._id,
      kind: 'secret_guessed',
      text: `有人用这个案件的查询码连续${MAX_WRONG_SECRETS}次输错查询密码，该来源已被锁定15分钟（系统不记录是谁）。举报人本人不受影响。`,
      reporterText: null,
      actorId: 'system',
    });
  } catch (e) {
    if (!(isAppError(e) && e.code === 'CONFLICT')) throw e; // already traced this hour
  }
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
