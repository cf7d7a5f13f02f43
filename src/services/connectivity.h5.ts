/** H5: the browser says it is online again, or the tab comes back to the front. */
export function whenBackOnline(fn: () => void): () => void {
  const onVisible = () => {
    if (document.visibilityState === 'visible') fn();
  };
  window.addEventListener('online', fn);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.removeEventListener('online', fn);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/** true when the browser already knows it is offline. */
export function knownOffline(): Promise<boolean> {
  return Promise.resolve(typeof navigator !== 'undefined' && navigator.onLine === false);
}
