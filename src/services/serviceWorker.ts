/**
 * The H5 build registers its Workbox service worker (serviceWorker.h5.ts);
 * the mini-program has none (WeChat keeps subpackages itself, see preloadRule).
 */
export function registerServiceWorker(): void {}
