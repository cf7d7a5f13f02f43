/**
 * Platform-neutral stand-in: "tell me when it is worth trying the network
 * again". Taro's build picks connectivity.weapp.ts (network status + app show)
 * or connectivity.h5.ts (window 'online' + page visible). Jest sees this one,
 * which never fires.
 */
export function whenBackOnline(fn: () => void): () => void {
  void fn;
  return () => undefined;
}

/** true when the platform already knows there is no network (so a request would only wait out its retries). */
export function knownOffline(): Promise<boolean> {
  return Promise.resolve(false);
}
