import { z } from 'zod';
import { AppError, DEFAULT_MESSAGE, type Envelope, isAppError } from '../../domain/errors';
import { roleAllows, WRITE_ACTIONS } from '../../domain/policy';
import type { RoleBinding } from '../../domain/roles';
import { describeZodError, requestIdSchema } from '../../domain/validation';
import type { Store } from '../store/types';
import type { ActionDef } from './action';
import type { Caller, Clock, Ctx, Outbox, Platform } from './context';
import { hmac, sha256 } from './crypto';
import { callerKey, rateLimit } from './rateLimit';
import { writeAudit } from './audit';
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
  state: 'pending' | 'done';
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
  try {
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('BAD_INPUT', '请求格式不对，请更新小程序后重试。');
    const { action: name, data, requestId } = parsed.data;
    actionName = name;
    const action = env.actions.get(name);
    if (!action) throw new AppError('NOT_FOUND', `没有这个功能（${name}），请更新小程序后重试。`);

    const caller = await loadCaller(identity.userId, env.store);
    if (!roleAllows(name, caller?.roles ?? null)) {
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
    let audited = false;
    const ctx: Ctx = {
      caller: visibleCaller,
      store: env.store,
      clock: env.clock,
      outbox: env.outbox,
      requestId: rid,
      serverKey: env.serverKey,
      platform: env.platform,
      audit: async (entry) => {
        audited = true;
        await writeAudit(env.store, env.clock, visibleCaller?.userId ?? 'anonymous', entry);
      },
      rateLimit: (bucket, limit, windowMs, mode) =>
        rateLimit(env.store, env.clock, env.serverKey, identity.rateIdentity, bucket, limit, windowMs, mode),
      callerKey: (purpose) => callerKey(env.store, env.clock, env.serverKey, identity.rateIdentity, purpose),
      ...(action.readsNotifyAddress && !action.anonymous && identity.notifyAddress ? { notifyAddress: identity.notifyAddress } : {}),
    };

    const run = async () => {
      const result = await action.handle(input.data, ctx);
      if (isWrite && !audited) await ctx.audit({ action: name });
      return result;
    };

    if (!isWrite || action.idempotency === 'handler') return { ok: true, data: await run() };
    // Keyed, so the row cannot be tested against a guessed message or tracking secret without the server key.
    const inputDigest = hmac(env.serverKey, `idempotency:${name}:${JSON.stringify(input.data ?? null)}`).slice(0, 32);
    return { ok: true, data: await runIdempotent(env, name, action.anonymous ? 'anon' : (caller?.userId ?? 'anon'), rid!, inputDigest, run) };
  } catch (e) {
    if (isAppError(e)) await auditDenied(env.store, env.clock, identity.userId, actionName, (raw as { data?: unknown } | null)?.data, e);
    if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
    env.onFault?.(actionName, e);
    return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGE.INTERNAL } };
  }
}

async function loadCaller(userId: string | null, store: Store): Promise<Caller | null> {
  if (!userId) return null;
  const user = await store.collection<{ _id: string; roles?: RoleBinding[] }>('users').get(userId);
  return { userId, roles: user?.roles ?? [] };
}

/**
 * Stored idempotency: a 'pending' marker is inserted first so two copies of
 * the same request racing each other cannot both run; the answer is stored
 * and replayed for a week. A failed run removes its marker so a retry can run.
 * Only the same content is replayed: a request id sent again with other data
 * (a client bug, or someone else's id on an anonymous action, whose scope is
 * shared) is refused rather than answered with the first call's result while
 * its own content is silently dropped.
 */
async function runIdempotent(
  env: DispatchEnv, action: string, scope: string, requestId: string, inputDigest: string, run: () => Promise<unknown>,
) {
  const col = env.store.collection<IdempotencyDoc>('idempotency');
  const id = sha256(`${action}:${scope}:${requestId}`);
  const existing = await col.get(id);
  if (existing?.inputDigest !== undefined && existing.inputDigest !== inputDigest) throw new AppError('CONFLICT', REQUEST_REUSED_MESSAGE);
  if (existing?.state === 'done') return existing.result;
  const now = env.clock.now().getTime();
  if (existing?.state === 'pending') {
    const stale = now - (existing.startedAt ?? 0) > PENDING_STALE_MS;
    // Compare-and-set on startedAt: of several retries arriving together, one takes the marker over.
    const takenOver = stale && await col.updateIf(id, { state: 'pending', startedAt: existing.startedAt ?? null }, { set: { startedAt: now } });
    if (!takenOver) throw new AppError('CONFLICT', IN_PROGRESS_MESSAGE, { inProgress: true });
  } else {
    try {
      await col.insert({ _id: id, state: 'pending', inputDigest, startedAt: now, expiresAt: now + IDEMPOTENCY_TTL_MS });
    } catch (e) {
      if (isAppError(e) && e.code === 'CONFLICT') throw new AppError('CONFLICT', IN_PROGRESS_MESSAGE, { inProgress: true });
      throw e;
    }
  }
  try {
    const result = await run();
    await col.update(id, { set: { state: 'done', result: result ?? null } });
    return result;
  } catch (e) {
    await col.remove(id);
    throw e;
  }
}
