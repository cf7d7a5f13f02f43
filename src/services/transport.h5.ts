/**
 * H5 transport: POST /api on the same origin (the local server serves both
 * the H5 build and the API). Identity is a session token from `auth.login`,
 * bound to a random device id kept in storage; both stay on this device.
 */
import Taro from '@tarojs/taro';
import type { Envelope } from '../domain/errors';
import { ACTION_ACCESS } from '../domain/policy';
import { API_PATH, DEVICE_KEY, postForEnvelope, TOKEN_KEY } from './http.h5';
import { makeRequestId } from './requestId';
import type { Send, WireRequest } from './wire';

const readKey = (key: string): string => {
  const v: unknown = Taro.getStorageSync(key);
  return typeof v === 'string' ? v : '';
};

function deviceId(): string {
  let id = readKey(DEVICE_KEY);
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = makeRequestId(24);
    Taro.setStorageSync(DEVICE_KEY, id);
  }
  return id;
}

function post(req: WireRequest, token: string): Promise<Envelope<unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return postForEnvelope(API_PATH, { headers, body: JSON.stringify(req) });
}

let loggingIn: Promise<Envelope<unknown>> | null = null;

/** Logs in once even when several calls find no token at the same time. */
function login(): Promise<Envelope<unknown>> {
  if (!loggingIn) {
    loggingIn = post({ action: 'auth.login', data: { deviceId: deviceId() } }, '')
      .then((env) => {
        const token = env.ok ? (env.data as { token?: unknown }).token : undefined;
        if (typeof token === 'string' && token) Taro.setStorageSync(TOKEN_KEY, token);
        return env;
      })
      .finally(() => {
        loggingIn = null;
      });
  }
  return loggingIn;
}

/** A token, logging in first if there is none; or the login's error envelope. */
async function ensureToken(): Promise<string | Envelope<unknown>> {
  const stored = readKey(TOKEN_KEY);
  if (stored) return stored;
  const env = await login();
  return env.ok ? readKey(TOKEN_KEY) : env;
}

/**
 * Public reads that answer better when they know who asks (the lesson list
 * shows a student their own band and what they finished): the token goes
 * along when there is one, and none is made when there is not.
 */
const SESSION_IF_ANY: ReadonlySet<string> = new Set(['lesson.list']);

/**
 * Anonymous report actions carry this device's session when it has one (or
 * can get one): the server never shows it to the handler nor stores it, but
 * keys the report's rate limits and the wrong-secret lock by it, as it keys
 * them by the OPENID on weapp. Without it they would be keyed by address, so
 * a classmate behind the same school network typing wrong secrets would lock
 * this phone out of its own report.
 */
const keyedBySession = (action: string) => action.startsWith('report.');

export const send: Send = async (req) => {
  if (ACTION_ACCESS[req.action] === 'public') {
    if (!keyedBySession(req.action)) return post(req, SESSION_IF_ANY.has(req.action) ? readKey(TOKEN_KEY) : ''); // the catalog: nobody needs to know who asks
    const token = await ensureToken().catch(() => '');
    return post(req, typeof token === 'string' ? token : ''); // no session to be had: keyed by address
  }

  const first = await ensureToken();
  if (typeof first !== 'string') return first;
  const env = await post(req, first);
  if (env.ok || env.error.code !== 'UNAUTHENTICATED') return env;

  // The session expired or the server's database was reset: log in again, once.
  Taro.removeStorageSync(TOKEN_KEY);
  const again = await ensureToken();
  if (typeof again !== 'string') return again;
  return post(req, again);
};

export const canSignOut = true;

/**
 * Ends the session and forgets the device id: the next login is a new,
 * role-less identity, so a shared computer does not keep someone's roles.
 */
export async function signOut(): Promise<void> {
  const token = readKey(TOKEN_KEY);
  if (token) {
    try {
      await post({ action: 'auth.logout', data: { token } }, token);
    } catch {
      // Offline: the token is dropped here anyway and expires on the server.
    }
  }
  Taro.removeStorageSync(TOKEN_KEY);
  Taro.removeStorageSync(DEVICE_KEY);
}
