import { z } from 'zod';
import { defineAction } from '../../core/action';
import { hmac, randomToken, sha256 } from '../../core/crypto';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * Local/H5 only: issues a session token for a simulated identity. On weapp the
 * caller is the OPENID from the cloud context and this action is never needed.
 * The device id is only ever stored as an HMAC inside the user id, and the
 * token only as a SHA-256, so a copy of the database holds neither.
 */
export const login = defineAction({
  name: 'auth.login',
  input: z.object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional() }).strict(),
  labels: { deviceId: '设备编号' },
  async handle({ deviceId }, ctx) {
    const userId = 'u' + (deviceId ? hmac(ctx.serverKey, 'device:' + deviceId).slice(0, 31) : randomToken(16).replace(/[-_]/g, 'x'));
    const now = ctx.clock.now().getTime();
    const users = ctx.store.collection('users');
    if (!(await users.get(userId))) {
      try { await users.insert({ _id: userId, roles: [], createdAt: now }); } catch { /* created concurrently */ }
    }
    const token = randomToken(32);
    await ctx.store.collection('sessions').insert({ _id: sha256(token), userId, expiresAt: now + SESSION_TTL_MS });
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
