// The kiosk's service worker: keeps the page and its script so the kiosk starts without a network (after a
// power cut or a browser restart). Answers never pass through here; the page queues them in IndexedDB.
declare const KIOSK_VERSION: string;

interface SwEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface SwMessageEvent extends SwEvent {
  data: unknown;
  source: { postMessage(message: unknown): void } | null;
}
interface SwScope {
  location: Location;
  addEventListener(type: 'install' | 'activate', listener: (event: SwEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: SwMessageEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}

const sw = self as unknown as SwScope;
const CACHE = `kuulo-kiosk-${KIOSK_VERSION}`;
const SHELL = ['/kiosk', '/kiosk/app.js'];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('kuulo-kiosk-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== sw.location.origin || !SHELL.includes(url.pathname))
    return;
  // Cache first: a new version arrives as a new service worker (this file changes with the version).
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url.pathname))
      .then((hit) => hit ?? fetch(event.request)),
  );
});

// Lets a test (or a technician) see whether this worker itself can reach the server.
sw.addEventListener('message', (event) => {
  if (event.data !== 'probe') return;
  event.waitUntil(
    fetch('/kiosk/ping', { cache: 'no-store' })
      .then(
        (r) => r.ok,
        () => false,
      )
      .then((ok) => event.source?.postMessage({ probe: ok })),
  );
});
