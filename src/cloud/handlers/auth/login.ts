import { z } from 'zod';
import { defineAction } from '../../core/action';
import { hmac, randomToken, sha256 } from '../../core/crypto';
import { chinaMidnightBefore } from '../../../domain/chinaTime';

const DAY_MS = 24 * 3600 * 1000;
export const SESSION_TTL_MS = 30 * DAY_MS;
/** Logins per hour per caller (per client address locally): a device logs in about once a month. */
export const LOGINS_PER_HOUR = 60;

/**
 * Midnight (China time) at the start of the day `ms` falls in. Login times
 * are kept only to the day: a login to the millisecond, a minute before an
 * anonymous report's own timestamp, would point at who sent it.
 */
export const loginDay = (ms: number) => chinaMidnightBefore(ms);

/**
 * Local/H5 only: issues a session token for a simulated identity. On weapp the
 * caller is the OPENID from the cloud context and this action is never needed.
 * The device id is only ever stored as an HMAC inside the user id, and the
 * token only as a SHA-256, so a copy of the database holds neither; the
 * user's creation and the session's expiry are kept to the day (loginDay).
 */
export const login = defineAction({
  name: 'auth.login',
  input: z.object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional() }).strict(),
  labels: { deviceId: '设备编号' },
  async handle({ deviceId }, ctx) {
    // Keyed by the client address on the local server (server.ts): sessions are what every other limit counts by.
    await ctx.rateLimit('auth.login', LOGINS_PER_HOUR, 3600_000);
    const userId = 'u' + (deviceId ? hmac(ctx.serverKey, 'device:' + deviceId).slice(0, 31) : randomToken(16).replace(/[-_]/g, 'x'));
    const day = loginDay(ctx.clock.now().getTime());
    const users = ctx.store.collection('users');
    if (!(await users.get(userId))) {
      try { await users.insert({ _id: userId, roles: [], createdAt: day }); } catch { /* created concurrently */ }
    }
    const token = randomToken(32);
    await ctx.store.collection('sessions').insert({ _id: sha256(token), userId, expiresAt: day + DAY_MS + SESSION_TTL_MS }); // at least 30 days
    return { token, userId };
  },
});

export const logout = defineAction({
  name: 'auth.logout',
  input: z.object({ token: z.string().max(200) }).strict(),
  async handle({ token }, ctx) {
    const s = await ctx.store.collection<{ _id: string; userId: string }>('sessions').get(sha256(token));
    if (s && s.userId === ctx.caller?.userId) await ctx.store.collection('sessions').remove(s._id);
    return { loggedOut: true };
  },
});
