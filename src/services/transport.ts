/**
 * Platform-neutral stand-in for the transport. Taro's build picks
 * `transport.weapp.ts` (wx.cloud) or `transport.h5.ts` (HTTP) by file suffix,
 * so this file is only what TypeScript and jest see. It answers every call
 * with a network failure, so an unmocked test cannot reach a real server.
 * The three files must export the same names.
 */
import { NetworkError, type Send } from './wire';

export const send: Send = async () => {
  throw new NetworkError('no transport on this platform');
};

/** Whether this platform has a session that can be ended (H5 only). */
export const canSignOut: boolean = false;

export async function signOut(): Promise<void> {
  /* nothing to end */
}
