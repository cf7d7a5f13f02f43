import { timingSafeEqual } from 'node:crypto';
import { hmac } from '../core/crypto';

/** Long enough to open a case and look at its photos, short enough that a copied link soon stops working. */
export const FILE_URL_TTL_MS = 10 * 60 * 1000;
/** Expiry times are rounded up to this step, so reopening a case within it gives the same URLs (the image cache works). */
const EXPIRY_STEP_MS = 5 * 60 * 1000;

// A key of its own, derived from the server key, so a file signature can never be replayed as any other HMAC.
const fileKey = (serverKey: string) => hmac(serverKey, 'signed-file-url:v1');
const signature = (serverKey: string, fileId: string, exp: number) => hmac(fileKey(serverKey), `${fileId}.${exp}`).slice(0, 32);

/**
 * A short-lived link to an uploaded photo: `/files/<fileId>?sig=…&exp=…`.
 * Handed out only by case.get (which checks access and writes the audit
 * entry); the file server only checks the signature, so it needs no session.
 */
export function signFileUrl(serverKey: string, fileId: string, now: number, ttlMs = FILE_URL_TTL_MS): string {
  const exp = Math.ceil((now + ttlMs) / EXPIRY_STEP_MS) * EXPIRY_STEP_MS;
  return `/files/${encodeURIComponent(fileId)}?sig=${signature(serverKey, fileId, exp)}&exp=${exp}`;
}

/** True when `sig` was made by signFileUrl for this file and `exp` (epoch ms from the URL) has not passed. */
export function verifyFileSignature(serverKey: string, fileId: string, exp: number, sig: unknown, now: number): boolean {
  if (typeof sig !== 'string' || !Number.isSafeInteger(exp) || exp <= 0 || now > exp) return false;
  const expected = Buffer.from(signature(serverKey, fileId, exp));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
