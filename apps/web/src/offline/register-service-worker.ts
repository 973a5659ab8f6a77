/**
 * Registers the service worker that keeps the app shell on the device (see service-worker.ts). Only
 * the built app has one; the development server serves modules that change on every edit.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app still works online; only reading plans with no network is lost.
    });
  });
}
