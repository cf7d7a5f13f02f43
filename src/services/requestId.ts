const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * A fresh request id: 22 characters of [A-Za-z0-9_-] (~132 bits). It only has
 * to be unique, not secret, so Math.random is an acceptable fallback where
 * the platform has no crypto.getRandomValues (older WeChat base libraries).
 */
export function makeRequestId(length = 22): string {
  const bytes = new Uint8Array(length);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[bytes[i] & 63];
  return id;
}
