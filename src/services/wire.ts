import type { Envelope } from '../domain/errors';

/**
 * What travels to the cloud layer: the same body on every platform
 * (`{ action, data, requestId }`), whether it goes through wx.cloud or HTTP.
 */
export interface WireRequest {
  action: string;
  data: unknown;
  /** present on writes; the server uses it to make the write idempotent */
  requestId?: string;
}

/** A platform transport: sends one request, answers the server's envelope. */
export type Send = (req: WireRequest) => Promise<Envelope<unknown>>;

/**
 * The request never got an answer we could read: no network, a timeout, a
 * gateway error page. Safe to retry with the same request id.
 */
export class NetworkError extends Error {
  constructor(message = 'network failure', readonly cause?: unknown) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** True when a value looks like our envelope (anything else is a transport failure). */
export function isEnvelope(v: unknown): v is Envelope<unknown> {
  if (!v || typeof v !== 'object') return false;
  const o = v as { ok?: unknown; error?: unknown };
  if (o.ok === true) return true;
  if (o.ok !== false || !o.error || typeof o.error !== 'object') return false;
  const e = o.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}
