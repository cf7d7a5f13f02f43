/**
 * H5: registers the service worker Workbox generates at build time
 * (config/index.ts, GenerateSW → /sw.js): the app shell and page chunks are
 * precached, so the app opens with no network. Where there is no service
 * worker (old browsers, http on another host) the app simply stays online-only.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
