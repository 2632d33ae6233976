/*
 * The staff app's service worker (docs/offline.md), written into the build by web/vite.config.ts, which
 * replaces the two placeholders: the build's version and the list of its files. It keeps the app shell —
 * index.html and every hashed script and stylesheet — so the app opens and runs without a connection.
 * API answers are never cached (personal data, and the offline data lives encrypted in IndexedDB); the
 * public pages (Cek Bansos, statistics, citizens) are left to the network.
 */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const PUBLIC_SEGMENTS = __PUBLIC_SEGMENTS__;
const CACHE = `dtks-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // One by one: a file the build listed but did not keep (an empty chunk) must not stop the others.
      .then((cache) => Promise.all(['/', ...PRECACHE].map((url) => cache.add(url).catch(() => {}))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('dtks-shell-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              caches.open(CACHE).then((cache) => cache.put(req, copy));
            }
            return res;
          }),
      ),
    );
    return;
  }
  const segment = url.pathname.split('/')[1] || '';
  if (req.mode === 'navigate' && !PUBLIC_SEGMENTS.includes(segment)) {
    // The network first (a new build is picked up at once); the kept shell when there is none.
    event.respondWith(fetch(req).catch(() => caches.match('/').then((hit) => hit || Response.error())));
  }
});
