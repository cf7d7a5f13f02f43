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
