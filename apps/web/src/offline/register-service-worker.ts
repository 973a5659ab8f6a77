/**
 * Registers the service worker that keeps the app shell on the device (see service-worker.ts). Only a
 * participant's pages call this: reading one's own plans with no network is what it is for, and staff
 * computers have no use for an offline copy of the app. Only the built app has a worker; the
 * development server serves modules that change on every edit. Registering again is harmless.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app still works online; only opening it with no network is lost.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
