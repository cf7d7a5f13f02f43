/**
 * The H5 transport: same-origin POST /api; a session token from auth.login
 * (bound to a device id kept in storage); one fresh login when the server
 * says the session is gone; public actions sent without any token.
 */
import Taro from '@tarojs/taro';
import { DEVICE_KEY, TOKEN_KEY } from '../../src/services/http.h5';
import { send, signOut } from '../../src/services/transport.h5';
import { NetworkError } from '../../src/services/wire';

type Body = { action: string; data: Record<string, unknown>; requestId?: string };
interface Seen { url: string; body: Body; authorization?: string }

let seen: Seen[] = [];
let answer: (body: Body, authorization?: string) => unknown;
let tokens = 0;

beforeEach(() => {
  seen = [];
  tokens = 0;
  Taro.clearStorageSync();
  answer = (body) => (body.action === 'auth.login' ? { ok: true, data: { token: `t${++tokens}`, userId: 'u1' } } : { ok: true, data: { echo: body.action } });
  global.fetch = jest.fn(async (url: string, init: { headers: Record<string, string>; body: string }) => {
    const body = JSON.parse(init.body) as Body;
    seen.push({ url, body, authorization: init.headers.authorization });
    const reply = answer(body, init.headers.authorization);
    return { status: 200, json: async () => reply } as unknown as Response;
  }) as unknown as typeof fetch;
});

describe('H5 transport', () => {
  it('logs in with a stored device id first, then calls with the bearer token', async () => {
    const env = await send({ action: 'auth.me', data: {} });
    expect(env).toEqual({ ok: true, data: { echo: 'auth.me' } });
    expect(seen.map((s) => s.body.action)).toEqual(['auth.login', 'auth.me']);
    expect(seen.every((s) => s.url === '/api')).toBe(true);
    const deviceId = Taro.getStorageSync(DEVICE_KEY);
    expect(seen[0].body.data.deviceId).toBe(deviceId);
    expect(deviceId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(seen[1].authorization).toBe('Bearer t1');
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('t1');

    await send({ action: 'auth.me', data: {} });
    expect(seen.map((s) => s.body.action)).toEqual(['auth.login', 'auth.me', 'auth.me']);
  });

  it('logs in again once when the session has expired, then repeats the request', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'old');
    answer = (body, authorization) => {
      if (body.action === 'auth.login') return { ok: true, data: { token: 'fresh', userId: 'u1' } };
      return authorization === 'Bearer fresh'
        ? { ok: true, data: { ok: 1 } }
        : { ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已失效' } };
    };
    const env = await send({ action: 'auth.redeem', data: { code: 'X' }, requestId: 'rid-rid-rid-1' });
    expect(env).toEqual({ ok: true, data: { ok: 1 } });
    expect(seen.map((s) => s.body.action)).toEqual(['auth.redeem', 'auth.login', 'auth.redeem']);
    expect(seen[0].body.requestId).toBe(seen[2].body.requestId);
  });

  it('does not loop when a fresh session is refused too', async () => {
    answer = (body) =>
      body.action === 'auth.login'
        ? { ok: true, data: { token: `t${++tokens}`, userId: 'u1' } }
        : { ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已失效' } };
    const env = await send({ action: 'auth.me', data: {} });
    expect(env.ok).toBe(false);
    expect(seen.map((s) => s.body.action)).toEqual(['auth.login', 'auth.me', 'auth.login', 'auth.me']);
  });

  it('sends public actions (anonymous reports, the catalog) without logging in or any token', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'mine');
    await send({ action: 'catalog.get', data: {} });
    expect(seen).toHaveLength(1);
    expect(seen[0].authorization).toBeUndefined();
  });

  it('the lesson list carries the token when there is one (a student sees their band), and never logs in for it', async () => {
    await send({ action: 'lesson.list', data: {} });
    expect(seen).toHaveLength(1);
    expect(seen[0].authorization).toBeUndefined();
    Taro.setStorageSync(TOKEN_KEY, 'mine');
    await send({ action: 'lesson.list', data: {} });
    expect(seen[1].authorization).toBe('Bearer mine');
    await send({ action: 'catalog.get', data: {} });
    expect(seen[2].authorization).toBeUndefined();
  });

  it('sends anonymous report actions with this device\'s session, so limits and locks are per phone, not per school network', async () => {
    await send({ action: 'report.status', data: {} });
    expect(seen.map((s) => s.body.action)).toEqual(['auth.login', 'report.status']);
    expect(seen[1].authorization).toBe('Bearer t1');
  });

  it('still sends a report when no session can be had (keyed by address then)', async () => {
    answer = (body) => (body.action === 'auth.login' ? { ok: false, error: { code: 'RATE_LIMITED', message: '太频繁' } } : { ok: true, data: {} });
    const env = await send({ action: 'report.submit', data: {} });
    expect(env.ok).toBe(true);
    expect(seen[seen.length - 1].authorization).toBeUndefined();
  });

  it('turns a non-JSON answer (a proxy error page) into a retryable network failure', async () => {
    global.fetch = jest.fn(async () => ({ status: 502, json: async () => { throw new SyntaxError('<html>'); } })) as unknown as typeof fetch;
    await expect(send({ action: 'catalog.get', data: {} })).rejects.toBeInstanceOf(NetworkError);
  });

  it('signing out ends the session and forgets the device, so the next login is a new identity', async () => {
    await send({ action: 'auth.me', data: {} });
    const firstDevice = Taro.getStorageSync(DEVICE_KEY);
    await signOut();
    expect(seen[seen.length - 1].body).toMatchObject({ action: 'auth.logout', data: { token: 't1' } });
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('');
    await send({ action: 'auth.me', data: {} });
    expect(Taro.getStorageSync(DEVICE_KEY)).not.toBe(firstDevice);
  });
});
