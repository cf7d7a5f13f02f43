/**
 * The client's one door to the cloud layer. Pages and stores never touch
 * wx.cloud or fetch: they call `call` (reads) or `write` (writes) here, and
 * get data back or an ApiError with a Chinese message.
 */
import type { ErrorCode } from '../domain/errors';
import { ApiError } from './errors';
import { makeRequestId } from './requestId';
import { send } from './transport';
import { NetworkError, type WireRequest } from './wire';

/** Waits between tries: 0.5 s, 1 s, 2 s, 4 s — five tries over ~7.5 s. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * Server answers worth another try. INTERNAL is the server saying "a fault on
 * our side, nothing was lost, try again"; writes are idempotent by request id,
 * so repeating one cannot do it twice. Every other code (bad input, forbidden,
 * conflict, rate limit …) would answer the same again.
 */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL']);

/**
 * A CONFLICT marked `inProgress`: an identical earlier copy of this write (same
 * request id, e.g. sent before the connection dropped) is still running on the
 * server. Waiting and asking again gets that copy's answer.
 */
const stillRunning = (code: ErrorCode, details: unknown) =>
  code === 'CONFLICT' && (details as { inProgress?: unknown } | undefined)?.inProgress === true;

export interface Progress {
  /** 1-based try number */
  attempt: number;
  maxAttempts: number;
  /** 'sending': a try is on its way; 'waiting': the last one failed, waiting to try again */
  state: 'sending' | 'waiting';
  /** when waiting: how long until the next try */
  retryInMs?: number;
  /** writes: the request id every try carries */
  requestId?: string;
}

export interface WriteOptions {
  /**
   * Reuse a request id the page keeps, so pressing 提交 again after a failure
   * is still the same write (the server then answers it only once).
   */
  requestId?: string;
  onProgress?: (p: Progress) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function exchange<T>(req: WireRequest, onProgress?: (p: Progress) => void): Promise<T> {
  const base = { maxAttempts: MAX_ATTEMPTS, requestId: req.requestId };
  for (let attempt = 1; ; attempt++) {
    onProgress?.({ ...base, attempt, state: 'sending' });
    let failure: ApiError;
    try {
      const env = await send(req);
      if (env.ok) return env.data as T;
      failure = new ApiError(env.error.code, env.error.message, env.error.details);
      if (!RETRYABLE.has(env.error.code) && !stillRunning(env.error.code, env.error.details)) throw failure;
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (!(e instanceof NetworkError)) throw new ApiError('INTERNAL');
      failure = new ApiError('NETWORK');
    }
    if (attempt >= MAX_ATTEMPTS) throw failure;
    const wait = RETRY_DELAYS_MS[attempt - 1];
    onProgress?.({ ...base, attempt, state: 'waiting', retryInMs: wait });
    await sleep(wait);
  }
}

/** A read. Reads change nothing, so they are retried the same way without a request id. */
export function call<T = unknown>(action: string, data: object = {}, onProgress?: (p: Progress) => void): Promise<T> {
  return exchange<T>({ action, data }, onProgress);
}

/**
 * A write. One request id is made per logical write (or taken from the page)
 * and carried by every retry, so a write whose answer was lost on the way
 * back is not done twice.
 */
export function write<T = unknown>(action: string, data: object, options: WriteOptions = {}): Promise<T> {
  const requestId = options.requestId ?? makeRequestId();
  return exchange<T>({ action, data, requestId }, options.onProgress);
}

/** For pages that keep one request id across taps of 提交. */
export const newRequestId = () => makeRequestId();
