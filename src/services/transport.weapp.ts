/**
 * WeChat transport: every action goes to the one `api` cloud function. The
 * caller's identity is the OPENID WeChat attaches to the call, so there is no
 * token, no login and nothing to sign out of.
 */
import { cloud } from './cloud.weapp';
import { isEnvelope, NetworkError, type Send } from './wire';

export const send: Send = async ({ action, data, requestId }) => {
  let res: { result?: unknown };
  try {
    res = await cloud().callFunction({ name: 'api', data: { action, data, requestId } });
  } catch (e) {
    // No network, function timeout, platform quota: no answer from our code.
    throw new NetworkError('callFunction failed', e);
  }
  if (!isEnvelope(res.result)) throw new NetworkError('the api function answered without an envelope');
  return res.result;
};

export const canSignOut = false;

export async function signOut(): Promise<void> {
  /* the OPENID is the identity; there is no session to end */
}
