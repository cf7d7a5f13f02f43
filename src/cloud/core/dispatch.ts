import { z } from 'zod';
import { AppError, DEFAULT_MESSAGE, type Envelope, isAppError } from '../../domain/errors';
import { roleAllows, WRITE_ACTIONS, writesPerHour } from '../../domain/policy';
import { describeZodError, requestIdSchema } from '../../domain/validation';
import { UnitAborted, type Store } from '../store/types';
import type { ActionDef } from './action';
import type { Caller, Clock, Ctx, Outbox, Platform } from './context';
import { hmac, randomToken, sha256 } from './crypto';
import { callerKey, rateLimit } from './rateLimit';
import { storedWriteLimiter, type WriteLimiter } from './memoryWriteLimit';
import { readRoles, type CallerCache } from './callerCache';
import { writeAudit } from './audit';
import { auditGateDenial } from './denied';
import { auditDenied } from './deniedAudit';

export interface CallerIdentity {
  /** our internal user id when the caller has a session (local) or an OPENID (weapp) */
  userId: string | null;
  /**
   * The raw identity (OPENID, or the client address when there is no session),
   * used only to derive a daily-rotating rate-limit key. Never stored, never logged.
   */
  rateIdentity: string;
  /**
   * Where WeChat delivers subscription messages to this caller: the OPENID on
   * CloudBase, absent locally. Handed only to actions that declare
   * `readsNotifyAddress` (auth.redeem stores it for staff), never to anonymous ones.
   */
  notifyAddress?: string;
}

export interface DispatchEnv {
  store: Store;
  clock: Clock;
  outbox: Outbox;
  serverKey: string;
  platform: Platform;
  actions: ReadonlyMap<string, ActionDef>;
  /**
   * The caller's roles kept between requests and dropped at every commit that could change them
   * (callerCache.ts; SQLite only). Without it each request reads the user.
   */
  callers?: CallerCache | null;
  /**
   * Where each caller's count of writes is kept: in memory on the local server (memoryWriteLimit.ts);
   * without it, rows in rate_limits (CloudBase: many function instances, one database).
   */
  writeLimiter?: WriteLimiter;
  /** called with real faults (not AppErrors); must not log caller identity */
  onFault?: (action: string, error: unknown) => void;
}

const requestSchema = z.object({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
  requestId: z.string().optional(),
});

/** A copy of this write is still running: the client waits and retries (details.inProgress). */
const IN_PROGRESS_MESSAGE = '上一次提交还在处理中，请稍等几秒再试。';
/** The same request id came back with different content: a client fault, never a retry. */
export const REQUEST_REUSED_MESSAGE = '这个请求编号已经用过了，请刷新页面后重新提交。';

const IDEMPOTENCY_TTL_MS = 7 * 24 * 3600 * 1000;

interface IdempotencyDoc {
  _id: string;
  /** pending: a run holds it; interrupted: a run failed part-way after keeping its first view (retry at once); done */
  state: 'pending' | 'interrupted' | 'done';
  /** what the first attempt passed to ctx.keepFirst (CloudBase; see runIdempotent) */
  firstView?: unknown;
  result?: unknown;
  /** keyed hash of the validated input: a replay must carry the same content (rows from before it have none) */
  inputDigest?: string;
  /** when the run holding the pending marker started */
  startedAt?: number;
  expiresAt: number;
  [k: string]: unknown;
}

/**
 * A pending marker older than this belongs to a run that died (a cloud function
 * times out after 20 s): the next retry takes it over instead of being told
 * "still in progress" for the rest of the week.
 */
export const PENDING_STALE_MS = 2 * 60 * 1000;

/**
 * The user id we derive from a WeChat OPENID: stable, and the OPENID itself is
 * not stored, except as the notify address of staff (auth.redeem).
 */
export const userIdForOpenid = (serverKey: string, openid: string) =>
  'u' + hmac(serverKey, 'openid:' + openid).slice(0, 31);

/**
 * The caller of the CloudBase `api` function, from the OPENID WeChat attaches
 * (undefined when there is none, e.g. a call from the console).
 */
export const identityForOpenid = (serverKey: string, openid: string | undefined): CallerIdentity => ({
  userId: openid ? userIdForOpenid(serverKey, openid) : null,
  rateIdentity: 'openid:' + (openid ?? 'none'),
  ...(openid ? { notifyAddress: openid } : {}),
});

export async function dispatch(raw: unknown, identity: CallerIdentity, env: DispatchEnv): Promise<Envelope<unknown>> {
  let actionName = '?';
  let gateAudited = false;
  try {
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('BAD_INPUT', '请求格式不对，请更新小程序后重试。');
    const { action: name, data, requestId } = parsed.data;
    actionName = name;
    const action = env.actions.get(name);
    if (!action) throw new AppError('NOT_FOUND', `没有这个功能（${name}），请更新小程序后重试。`);

    const caller = await loadCaller(identity.userId, env);
    if (!roleAllows(name, caller?.roles ?? null)) {
      if (caller) {
        await auditGateDenial(env, identity.rateIdentity, caller.userId, name, data);
        gateAudited = true;
      }
      throw caller ? new AppError('FORBIDDEN') : new AppError('UNAUTHENTICATED', '请先登录后再使用这个功能。');
    }

    const input = action.input.safeParse(data ?? {});
    if (!input.success) throw new AppError('BAD_INPUT', describeZodError(input.error, action.labels), input.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })));

    const isWrite = WRITE_ACTIONS.has(name);
    let rid: string | undefined;
    if (isWrite) {
      const r = requestIdSchema.safeParse(requestId);
      if (!r.success) throw new AppError('BAD_INPUT', r.error.issues[0]?.message ?? '缺少请求编号。');
      rid = r.data;
    }

    const visibleCaller = action.anonymous ? null : caller;
    const scope = action.anonymous ? 'anon' : (caller?.userId ?? 'anon');
    const idCounts = new Map<string, number>();
    const newId = (kind: string) => {
      const n = idCounts.get(kind) ?? 0;
      idCounts.set(kind, n + 1);
      // Keyed, like the idempotency record: an id says nothing about the request without the server key.
      return rid === undefined
        ? sha256(randomToken(24)).slice(0, 32)
        : hmac(env.serverKey, `newId:${name}:${scope}:${rid}:${kind}:${n}`).slice(0, 32);
    };
    let audited = false;
    // set by runIdempotent (CloudBase) once the request holds its marker; otherwise the value comes straight back
    let keepFirst: (<T>(value: T) => Promise<T>) | null = null;
    let keptOnce = false;
    const ctx: Ctx = {
      caller: visibleCaller,
      store: env.store,
      clock: env.clock,
      outbox: { send: (msg, o) => env.outbox.send(msg, { id: o?.id ?? 'o' + newId('outbox') }) },
      requestId: rid,
      newId,
      serverKey: env.serverKey,
      platform: env.platform,
      audit: async (entry, o) => {
        audited = true;
        await writeAudit(env.store, env.clock, visibleCaller?.userId ?? 'anonymous', entry, o?.id ?? 'a' + newId('audit'));
      },
      rateLimit: (bucket, limit, windowMs, mode) =>
        rateLimit(env.store, env.clock, env.serverKey, identity.rateIdentity, bucket, limit, windowMs, mode),
      callerKey: (purpose) => callerKey(env.store, env.clock, env.serverKey, identity.rateIdentity, purpose),
      ...(action.readsNotifyAddress && !action.anonymous && identity.notifyAddress ? { notifyAddress: identity.notifyAddress } : {}),
      keepFirst: async (value) => {
        if (keptOnce) throw new Error(`${name}: ctx.keepFirst called twice in one request`);
        keptOnce = true;
        return keepFirst ? keepFirst(value) : value;
      },
    };

    if (!isWrite) return { ok: true, data: await action.handle(input.data, ctx) };

    // Every write is bounded per caller: checked before (cheap refusal), counted with the write itself.
    const limiter = env.writeLimiter ?? storedWriteLimiter(env.store, env.clock, env.serverKey);
    const writeRate = (mode: 'check' | 'count' | 'cancel') => limiter.limit(identity.rateIdentity, `write:${name}`, writesPerHour(name), 3600_000, mode);
    // Keyed, so the row cannot be tested against a guessed message or tracking secret without the server key.
    // Not computed for an action that keeps its own idempotency (a screening answer's 20 items, stringified and hashed for nothing).
    const idem: Idempotency | null = action.idempotency === 'handler' ? null : {
      id: sha256(`${name}:${scope}:${rid!}`),
      inputDigest: hmac(env.serverKey, `idempotency:${name}:${JSON.stringify(input.data ?? null)}`).slice(0, 32),
    };
    const run = async () => {
      const result = await action.handle(input.data, ctx);
      if (!audited) await ctx.audit({ action: name });
      return result;
    };
    if (env.store.unitOfWork) return { ok: true, data: await runUnit(env, idem, writeRate, limiter.inUnit, run) };
    if (idem) {
      const replayed = await replayOf(env, idem);
      if (replayed) return { ok: true, data: replayed.result };
    }
    // Without a unit (CloudBase) the write is counted before it runs, so a parallel burst cannot pass the
    // limit (compare-and-increment), and given back if the request is refused or fails: like a unit rolled
    // back, a request that wrote nothing leaves nothing, not even its count (case-bad-input.test.ts).
    await writeRate('check');
    await writeRate('count');
    try {
      return { ok: true, data: idem ? await runIdempotent(env, idem, run, (k) => { keepFirst = k; }) : await run() };
    } catch (e) {
      await writeRate('cancel').catch(() => undefined);
      throw e;
    }
  } catch (e) {
    // A refusal at the role gate already left its row (auditGateDenial: 'denied', naming the record of a
    // sensitive read); one row per refusal.
    if (isAppError(e) && !gateAudited) await auditDenied(env.store, env.clock, identity.userId, actionName, (raw as { data?: unknown } | null)?.data, e);
    if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
    env.onFault?.(actionName, e);
    return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGE.INTERNAL } };
  }
}

async function loadCaller(userId: string | null, env: DispatchEnv): Promise<Caller | null> {
  if (!userId) return null;
  return { userId, roles: await (env.callers ? env.callers.roles(userId) : readRoles(env.store, userId)) };
}

interface Idempotency { id: string; inputDigest: string }

/** A finished request's answer, or CONFLICT when the same request id came with other content. */
async function replayOf(env: DispatchEnv, idem: Idempotency): Promise<{ result: unknown } | null> {
  const existing = await env.store.collection<IdempotencyDoc>('idempotency').get(idem.id);
  if (existing?.inputDigest !== undefined && existing.inputDigest !== idem.inputDigest) throw new AppError('CONFLICT', REQUEST_REUSED_MESSAGE);
  return existing?.state === 'done' ? { result: existing.result } : null;
}

/** Carries a finished request's answer out of a unit that found it done once it held the lock. */
class Replayed { constructor(readonly result: unknown) {} }

/**
 * A write request as one unit of work (SQLite): the handler's records, its
 * audit row, its outbox rows, the caller's write count and the idempotency
 * record commit together, or not at all. Only the unit's own first write
 * takes the lock (sqlite.ts); then the idempotency record is checked again,
 * so of two copies of one request the second answers what the first stored.
 *
 * A handler that refuses (an AppError) keeps what it wrote before refusing,
 * as the handlers were written for (a failed secret counts against the lock,
 * say); they check before writing, so a refusal normally leaves nothing. Any
 * other error (a fault) rolls the whole unit back, so a retry starts clean.
 */
async function runUnit(
  env: DispatchEnv, idem: Idempotency | null, writeRate: (mode: 'check' | 'count' | 'cancel') => Promise<void>, countInUnit: boolean,
  run: () => Promise<unknown>,
): Promise<unknown> {
  if (idem) {
    const replayed = await replayOf(env, idem);
    if (replayed) return replayed.result;
  }
  await writeRate('check');
  const col = env.store.collection<IdempotencyDoc>('idempotency');
  // A count kept outside the unit (in memory) is not rolled back with it: given back if the unit fails after counting.
  let countedOutside = false;
  try {
    const outcome = await env.store.unitOfWork!(async () => {
      let result: unknown;
      try {
        result = await run();
      } catch (e) {
        if (!isAppError(e)) throw e;
        return { refused: e };
      }
      await writeRate('count');
      countedOutside = !countInUnit;
      if (idem) {
        const now = env.clock.now().getTime();
        await col.insert({ _id: idem.id, state: 'done', inputDigest: idem.inputDigest, result: result ?? null, expiresAt: now + IDEMPOTENCY_TTL_MS });
      }
      return { result };
    }, idem ? {
      onBegin: async () => {
        const replayed = await replayOf(env, idem);
        if (replayed) throw new Replayed(replayed.result);
      },
    } : undefined);
    if ('refused' in outcome) throw outcome.refused;
    return outcome.result;
  } catch (e) {
    if (countedOutside) await writeRate('cancel');
    if (e instanceof UnitAborted) {
      if (e.reason instanceof Replayed) return e.reason.result;
      throw e.reason;
    }
    throw e;
  }
}

/**
 * Stored idempotency without a unit of work (CloudBase): a 'pending' marker
 * is inserted first so two copies of the same request racing each other
 * cannot both run; the handler writes its records and every side effect
 * (with ids from ctx.newId, or fixed ones, so a second try finds what the
 * first wrote); only then is the marker set to done, and the answer replayed
 * for a week. A failed run removes its marker so a retry can run; a run that
 * died leaves it pending, and a retry takes it over after PENDING_STALE_MS.
 * Only the same content is replayed: a request id sent again with other data
 * (a client bug, or someone else's id on an anonymous action, whose scope is
 * shared) is refused rather than answered with the first call's result while
 * its own content is silently dropped.
 */
async function runIdempotent(
  env: DispatchEnv, idem: Idempotency, run: () => Promise<unknown>, bindKeepFirst: (k: <T>(value: T) => Promise<T>) => void,
) {
  const col = env.store.collection<IdempotencyDoc>('idempotency');
  const { id, inputDigest } = idem;
  const existing = await col.get(id);
  if (existing?.inputDigest !== undefined && existing.inputDigest !== inputDigest) throw new AppError('CONFLICT', REQUEST_REUSED_MESSAGE);
  if (existing?.state === 'done') return existing.result;
  const now = env.clock.now().getTime();
  if (existing?.state === 'pending' || existing?.state === 'interrupted') {
    // An interrupted run said it failed; a pending one may still be running, so it is taken over only when stale.
    const free = existing.state === 'interrupted' || now - (existing.startedAt ?? 0) > PENDING_STALE_MS;
    // Compare-and-set on state and startedAt: of several retries arriving together, one takes the marker over.
    const takenOver = free && await col.updateIf(id, { state: existing.state, startedAt: existing.startedAt ?? null }, { set: { state: 'pending', startedAt: now } });
    if (!takenOver) throw new AppError('CONFLICT', IN_PROGRESS_MESSAGE, { inProgress: true });
  } else {
    try {
      await col.insert({ _id: id, state: 'pending', inputDigest, startedAt: now, expiresAt: now + IDEMPOTENCY_TTL_MS });
    } catch (e) {
      if (isAppError(e) && e.code === 'CONFLICT') throw new AppError('CONFLICT', IN_PROGRESS_MESSAGE, { inProgress: true });
      throw e;
    }
  }
  // The first attempt's view (ctx.keepFirst): kept in the marker before the handler writes, handed to a retry.
  let kept: { value: unknown } | null = existing && 'firstView' in existing ? { value: existing.firstView } : null;
  bindKeepFirst(async <T>(value: T): Promise<T> => {
    if (kept) return kept.value as T;
    await col.update(id, { set: { firstView: value ?? null } });
    kept = { value: value ?? null };
    return value;
  });
  try {
    const result = await run();
    await col.update(id, { set: { state: 'done', result: result ?? null } });
    return result;
  } catch (e) {
    // A refusal wrote nothing that matters: the marker goes and a retry starts afresh. A fault after the first
    // view was kept leaves the marker interrupted, so the retry (at once) finishes the work counting as the first
    // attempt did (faultsCloudbase.test.ts); a crash that cannot even write this leaves it pending, taken over when stale.
    if (kept && !isAppError(e)) await col.update(id, { set: { state: 'interrupted' } });
    else await col.remove(id);
    throw e;
  }
}
