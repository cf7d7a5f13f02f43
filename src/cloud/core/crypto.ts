import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const hmac = (key: string, s: string) => createHmac('sha256', key).update(s).digest('hex');
export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');

// scrypt with N=2^14: ~30-50 ms per hash on a 2-core machine, slow enough that
// a leaked table cannot be brute-forced for short secrets, fast enough for a tip line.
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;

export function slowHash(secret: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, 32, SCRYPT, (err, key) =>
      err ? reject(err) : resolve(`scrypt$${salt.toString('base64')}$${key.toString('base64')}`),
    ),
  );
}

export function verifySlowHash(secret: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return Promise.resolve(false);
  const expected = Buffer.from(keyB64, 'base64');
  return new Promise((resolve, reject) =>
    scrypt(secret, Buffer.from(saltB64, 'base64'), expected.length, SCRYPT, (err, key) =>
      err ? reject(err) : resolve(timingSafeEqual(key, expected)),
    ),
  );
}
