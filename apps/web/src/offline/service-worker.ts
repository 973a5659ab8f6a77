/*
 * Stepwise's service worker: keeps the app shell (index.html and the built scripts and styles) on the
 * device so the app opens with no network, where a participant can still read their safety plan and
 * recovery plan (issue "Between sessions"). It never touches /api/: no health data passes through or
 * stays in its cache; the plans themselves are kept by the app (offline/device-plans.ts), which removes
 * them on sign-out.
 *
 * Built by the plugin in vite.config.ts as /sw.js (scope /), which writes the shell's file list and a
 * version into the two placeholders below. It imports nothing: it runs as a classic worker script.
 */

interface WorkerExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
/** Every file of the built app but this worker and source maps, as absolute paths. */
const shell = JSON.parse('__STEPWISE_SHELL_FILES__') as string[];
const cacheName = `stepwise-shell-${'__STEPWISE_SHELL_VERSION__'}`;
const shellPaths = new Set(shell);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(shell.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

// A new build replaces the old shell at once; older shells are removed.
worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('stepwise-shell-') && name !== cacheName)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Pages: the server's answer when it can be reached (the app's routes are all index.html), the kept
    // index.html when it cannot.
    event.respondWith(
      fetch(request).catch(
        async () => (await caches.match('/index.html', { cacheName })) ?? Response.error(),
      ),
    );
    return;
  }
  if (shellPaths.has(url.pathname)) {
    // Built files carry a content hash in their name: the kept copy is always the right one.
    event.respondWith(caches.match(request, { cacheName }).then((kept) => kept ?? fetch(request)));
  }
});
