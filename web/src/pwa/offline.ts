/**
 * The installable, offline app (ADR 040): registers web/public/sw.js in the built app, hands it
 * the files the page loaded before it took control, and deletes the member's offline copy on
 * logout. The copy's caches are named `chibo-user-<user id>`; the service worker keeps at most one.
 */
export const USER_CACHE_PREFIX = 'chibo-user-';
export const COPIED_AT_HEADER = 'x-chibo-copied-at';

/** Vite's flag, true in a build (the dev server, with its hot reload, gets no service worker). */
const PROD = (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env?.PROD === true;

/** Registers the service worker once the page has loaded (production builds only). */
export function registerServiceWorker(): void {
  if (!PROD || !('serviceWorker' in navigator)) return;
  const handOver = () => {
    const urls = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => new URL(u).pathname.startsWith('/assets/'));
    navigator.serviceWorker.controller?.postMessage({ type: 'keep-assets', urls });
  };
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        reg.active?.postMessage({
          type: 'keep-assets',
          urls: performance.getEntriesByType('resource').map((e) => e.name),
        });
      })
      .catch(() => {
        // No service worker (private mode, old browser): the app works online as before.
      });
    navigator.serviceWorker.addEventListener('controllerchange', handOver);
  });
}

/** Deletes every member's offline copy (on logout; the next user starts with none). */
export async function clearOfflineCopies(): Promise<void> {
  try {
    navigator.serviceWorker?.controller?.postMessage({ type: 'logout' });
    if (typeof caches === 'undefined') return;
    for (const key of await caches.keys()) {
      if (key.startsWith(USER_CACHE_PREFIX)) await caches.delete(key);
    }
  } catch {
    // Cache Storage unavailable: there is no copy to delete.
  }
}

/** When the member's copy of their meetings (else of their account) was made, if there is one. */
export async function copiedAt(): Promise<Date | null> {
  if (typeof caches === 'undefined') return null;
  for (const key of await caches.keys()) {
    if (!key.startsWith(USER_CACHE_PREFIX)) continue;
    const cache = await caches.open(key);
    for (const url of ['/api/me/meetings', '/api/me']) {
      const at = (await cache.match(url))?.headers.get(COPIED_AT_HEADER);
      if (at) return new Date(at);
    }
  }
  return null;
}
