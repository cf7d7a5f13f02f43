import type { RoleBinding } from '../../domain/roles';
import type { BlobStore } from '../media/blobs';
import type { RateLimitMode } from './rateLimit';
import type { Store } from '../store/types';

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

/** A notification to deliver: WeChat subscription message in production, the outbox table locally. */
export interface OutboxMessage {
  channel: 'subscribe_message' | 'staff_inbox';
  /** who: a user id for staff, or a department id / coordinator jurisdiction */
  to: string;
  template: string;
  data: Record<string, string>;
  /** page to open from the message */
  page?: string;
}
export interface Outbox {
  /**
   * Writes one pending notification. With an `id` it is written once: a row
   * with that id already there (an earlier try of the same request) is left
   * as it is. Handlers get ids from the request (ctx.newId) without asking.
   */
  send(msg: OutboxMessage, options?: { id?: string }): Promise<void>;
}

/** Known caller. `userId` is our internal id; the raw identity never leaves the dispatcher. */
export interface Caller {
  userId: string;
  /** read-only: with the caller cache (callerCache.ts) one copy serves several requests */
  roles: readonly RoleBinding[];
}

export interface AuditEntry {
  action: string;
  /** what was read or changed: a case id, a student id … */
  subjectId?: string;
  subjectType?: string;
  detail?: Record<string, unknown>;
}

export interface Ctx {
  /** null for anonymous actions (report.*) and for not-logged-in callers */
  caller: Caller | null;
  store: Store;
  clock: Clock;
  outbox: Outbox;
  /** hashed request id of this call (writes only), for idempotency records */
  requestId?: string;
  /**
   * An id for a record this request creates: 32 hex characters derived
   * (keyed) from the action, the caller's scope, the request id, `kind` and
   * how many ids of that kind this call asked for before. A retry of the same
   * request asks in the same order and gets the same ids, so a write that
   * landed before a crash is found instead of made twice. Random for calls
   * without a request id (reads).
   */
  newId(kind: string): string;
  /** server-side secret for HMACs (tracking secrets, rate-limit keys) */
  serverKey: string;
  /**
   * Writes one audit entry with the caller as actor ('anonymous' for anonymous
   * actions), once: its id comes from the request (ctx.newId) unless given.
   */
  audit(entry: AuditEntry, options?: { id?: string }): Promise<void>;
  /**
   * Rate limit the (possibly anonymous) caller without exposing who it is:
   * the dispatcher keys it by an HMAC of the raw identity under a key that
   * rotates daily. Throws AppError('RATE_LIMITED'). mode 'check' only
   * refuses when the limit is already reached and counts nothing (rateLimit.ts).
   */
  rateLimit(bucket: string, limit: number, windowMs: number, mode?: RateLimitMode): Promise<void>;
  /**
   * This caller (session, OPENID, or address without one) as an opaque key
   * for `purpose`, rotating daily like the rate-limit keys (rateLimit.ts
   * callerKey): lets a handler keep per-caller state without knowing who.
   */
  callerKey(purpose: string): Promise<string>;
  /** Platform services that differ between CloudBase and local. */
  platform: Platform;
  /**
   * Where WeChat can deliver subscription messages to the caller (their
   * OPENID on CloudBase; absent locally). Set only for actions that declare
   * `readsNotifyAddress` (auth.redeem, which keeps it for staff only) and
   * never for anonymous ones.
   */
  notifyAddress?: string;
  /**
   * The first attempt's view of this request. Pass what the answer and the
   * audit will count (which rows are new, which the request moves), worked out
   * before the handler's first write; use what comes back. Without a unit of
   * work (CloudBase) a retry after a crash (faultsCloudbase.test.ts) part-way gets the first attempt's
   * value back (kept in the request's idempotency marker), not its own, which
   * would count only what was still missing; so the retry answers what the
   * request as a whole did (faultsCloudbase.test.ts). Under a unit of work
   * (SQLite) a failed attempt leaves nothing and `value` comes straight back.
   * Once per request.
   */
  keepFirst<T>(value: T): Promise<T>;
}

export interface Platform {
  name: 'local' | 'cloudbase';
  /** msgSecCheck v2 in production; locally a no-op that records it was skipped. */
  checkText(text: string): Promise<{ ok: boolean; skipped?: boolean }>;
  /** Reads an uploaded file by id (already stripped of metadata). */
  readUpload?(fileId: string): Promise<{ bytes: Buffer; mime: string } | null>;
  /** Where sanitised photos are kept: files locally, CloudBase storage in production. */
  blobs: BlobStore;
  /**
   * CloudBase only: the raw photo the mini-program uploaded to `tmp-uploads/`
   * (null when it is not there). Refuses any other path. Locally there is no
   * such hook: photos arrive at POST /upload.
   */
  fetchTempUpload?(cloudFileId: string): Promise<Buffer | null>;
  /**
   * CloudBase only: a mini-program code (wxacode.getUnlimited) that opens 我的 with `scene` (an invitation code)
   * filled in, as PNG bytes. Locally absent: slips carry an ordinary QR code of the code instead.
   */
  miniProgramCode?(scene: string): Promise<Buffer | null>;
  /** CloudBase only: deletes that raw upload (it carries the uploader's OPENID and the photo's EXIF). */
  deleteTempUpload?(cloudFileId: string): Promise<void>;
}
