/**
 * One POST to our own server (same origin) and the envelope it answers.
 * Shared by the H5 transport (/api) and photo upload (/upload): an answer
 * that is not our envelope is a NetworkError.
 */
import type { Envelope } from '../domain/errors';
import { isEnvelope, NetworkError } from './wire';

// H5 only (no unsuffixed sibling: imported by full name from .h5 files).
export const API_PATH = '/api';
export const UPLOAD_PATH = '/upload';
/** where the session token and the random device id live in this browser's storage */
export const TOKEN_KEY = 'huhang.token';
export const DEVICE_KEY = 'huhang.deviceId';

/**
 * An HTTP answer without our envelope: a proxy's error page, a cut-off body.
 * Still a network failure (safe to retry), with the status it came with.
 */
export class NoEnvelopeError extends NetworkError {
  constructor(readonly status: number, cause?: unknown) {
    super(`HTTP ${status} without an envelope`, cause);
  }
}

export async function postForEnvelope(path: string, init: { headers?: Record<string, string>; body: BodyInit }): Promise<Envelope<unknown>> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', ...init });
  } catch (e) {
    throw new NetworkError('fetch failed', e);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch (e) {
    throw new NoEnvelopeError(res.status, e);
  }
  if (!isEnvelope(body)) throw new NoEnvelopeError(res.status);
  return body;
}
