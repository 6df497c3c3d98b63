// Scopewise's service worker: the app works offline after the first visit.
//
// Its lists of files are written after each build by scripts/sw.py, from
// the files Trunk produced (never by hand): SHELL is what the first visit
// loads (index.html and what it pulls in), cached when this worker
// installs; LAZY is every other file of the build (the evaluation
// workspace, the PDF reader, OCR files), cached the first time the page
// fetches it, so the OCR files are cached only once the user has agreed
// to them. A new version waits until the user agrees ("A new version is
// ready: reload"); the page then asks it to take over.
//
// It only ever answers requests for this origin's own files, and fetches
// nothing else: the same Content-Security-Policy as the page is sent with
// this script (_headers), and its connect-src is 'self'.
const VERSION = "__SW_VERSION__";
const SHELL = __SW_SHELL__;
const LAZY = __SW_LAZY__;
const CACHE = "scopewise-" + VERSION;
const PREFIX = "scopewise-";

const scope = () => new URL(self.registration.scope);
const here = (path) => new URL(path, scope()).href;
const fresh = (path) => new Request(here(path), { cache: "no-cache" });

// Of the files this build lists, those an earlier version had cached when
// they were used: the new version fetches them at once, so what worked
// offline before the update still does after it.
async function usedBefore() {
  const used = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname.slice(scope().pathname.length);
      if (LAZY.includes(path)) used.add(path);
    }
  }
  return [...used];
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL.map(fresh));
      for (const path of await usedBefore()) {
        try {
          await cache.add(fresh(path));
        } catch {
          // Fetched again the next time it is used.
        }
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The first version takes the page that installed it, so that what
      // this visit opens is cached; later versions wait for the user.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "scopewise:apply-update") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  let path = url.pathname.slice(base.pathname.length);
  if (request.mode === "navigate" && (path === "" || path === "index.html")) path = "index.html";
  const listed = SHELL.includes(path) || LAZY.includes(path);
  if (!listed) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(here(path));
      if (hit) return hit;
      const response = await fetch(request.mode === "navigate" ? fresh(path) : request);
      if (response.ok && response.type === "basic") await cache.put(here(path), response.clone());
      return response;
    })(),
  );
});
