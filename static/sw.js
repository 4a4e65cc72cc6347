// The reader's service worker: it serves the app's own files, exactly those of one build,
// from its cache, so the reader opens with no network and a repeat visit costs nothing; feed
// requests are not its business (the reader's storage is the cache of their contents).
// scripts/service_worker.py fills in BUILD and FILES after each build; it is never edited by
// hand in dist/.
const BUILD = '%BUILD%';
const FILES = ['%FILES%'];

const CACHE = `feedreader-app-${BUILD}`;
const scope = new URL(self.registration.scope);
const index = new URL('index.html', scope).href;
const files = new Set(FILES.map((file) => new URL(file, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Revalidated, so a stale HTTP cache cannot slip another build's file into this one.
    await cache.addAll(FILES.map((file) => new Request(new URL(file, scope), { cache: 'no-cache' })));
    // The first version takes over at once (no page of another build to keep whole); a later
    // one waits until the reader chooses Reload (boot.js), so nothing changes under them.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('feedreader-app-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  // The reader's own address, with any ?add= or #route, is its index.html.
  const navigation = request.mode === 'navigate' && (url.pathname === scope.pathname || `${url.origin}${url.pathname}` === index);
  const key = navigation ? index : `${url.origin}${url.pathname}`;
  if (!files.has(key) || (!navigation && url.search)) return;
  event.respondWith((async () => {
    const cached = await caches.match(key, { cacheName: CACHE });
    return cached ?? fetch(request);
  })());
});
