// Lytt's service worker: after the first visit the app, the starter surveys and any survey once
// opened work with no network.
//
// scripts/make-service-worker.mjs writes this file into each build with the build's file list
// and a version made from their contents, so a new deployment is a new worker: it caches the new
// files next to the old ones, takes over, and then deletes the old cache.
const BUILD = self.LYTT_BUILD ?? { version: 'dev', files: [] };
const CACHE = `lytt-${BUILD.version}`;
// Surveys change without a rebuild: always asked for fresh, the cache is the fallback.
const isSurvey = (url) => /\/surveys\/[^/]+\.json$/.test(url.pathname);
// A survey's recordings and pictures, next to its file: they change with it, so they are treated
// alike.
const isSurveyMedia = (url) => /\/surveys\/.+\.[a-z0-9]+$/i.test(url.pathname) && !isSurvey(url);
// Build files are named by their content's hash (main-<hash>.css, lytt-web-<hash>_bg.wasm, and
// the app's parts, such as split_kiosk-<hash>.wasm).
const isHashed = (name) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(name);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // Hashed build files were just downloaded by the page: the browser's HTTP cache may serve
      // them again rather than fetch them twice. Everything else is fetched fresh.
      .then((cache) => cache.addAll(BUILD.files.map((f) => new Request(f, { cache: isHashed(f) ? 'default' : 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      // Old builds' caches go, but survey files opened under them are carried over first.
      .then((names) => Promise.all(names.filter((n) => n.startsWith('lytt-') && n !== CACHE).map(async (old) => {
        const from = await caches.open(old);
        const to = await caches.open(CACHE);
        for (const request of await from.keys()) {
          if (isSurvey(new URL(request.url)) && !(await to.match(request))) {
            const response = await from.match(request);
            if (response) await to.put(request, response);
          }
        }
        await caches.delete(old);
      })))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, fallback) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only whole files are kept (a part of one, 206, cannot be).
    if (response.status === 200) await cache.put(fallback ?? request, response.clone());
    return response;
  } catch (offline) {
    const cached = await cache.match(fallback ?? request, { ignoreSearch: true });
    if (cached) return cached;
    throw offline;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only the app's own files: answers sent to an inbox (POST, another origin) pass untouched.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.endsWith('/owner.html')) {
    // The owner's build is not kept for offline use (only owners need it): offline, the
    // respondent's page answers, and it says that the owner's screens need a connection.
    // Never stored as the app's page.
    event.respondWith(fetch(request).catch(async (offline) => {
      const page = await (await caches.open(CACHE)).match(new URL('./', self.registration.scope).href);
      if (page) return page;
      throw offline;
    }));
  } else if (request.mode === 'navigate') {
    // The page itself: fresh when online (so a new deployment shows), cached when not.
    event.respondWith(networkFirst(request, new URL('./', self.registration.scope).href));
  } else if (isSurvey(url)) {
    // Always checked with the server, whatever the page asked for: after an owner changes a
    // survey (a new key, say), an online device must never answer the old one.
    event.respondWith(networkFirst(new Request(request, { cache: 'no-cache' })));
  } else if (isSurveyMedia(url)) {
    // Asked for whole (a player asks for a range of bytes), so that the copy kept for offline use
    // is the whole file; players take a whole file where they asked for part of one.
    event.respondWith(networkFirst(new Request(url.href, { cache: 'no-cache' })));
  } else {
    // Build files have their content's hash in their names: a cached copy is always right.
    event.respondWith(cacheFirst(request));
  }
});
