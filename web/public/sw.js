/**
 * chibo's service worker (ADR 040): the app shell and a member's own reads stay readable offline.
 *
 * - App shell (cache `chibo-shell-v1`, nobody's data): index.html and the hashed files under
 *   /assets/ (page chunks included, as they are used). Pages: network first, the copy offline;
 *   hashed files: the copy first (they never change).
 * - The member's copy (cache `chibo-user-<user id>`, only one at a time): GET /api/me (identity
 *   numbers left out), /api/me/meetings|tasks|notifications|grading, the records and documents of
 *   their upcoming meetings and the last adopted minutes (PDF) of their cell. Network first; each
 *   copy stamped with `x-chibo-copied-at`; a copy older than 30 days is never used.
 * - Cleared: on logout (the page deletes it, web/src/pwa/offline.ts), on any 401 of these reads,
 *   and when /api/me answers for another user (the previous user's copy goes first).
 *
 * Plain JavaScript served as is from the site root (scope /), `Cache-Control: no-cache`.
 */
const SHELL = 'chibo-shell-v1';
const USER_PREFIX = 'chibo-user-';
const COPIED_AT = 'x-chibo-copied-at';
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** At most this many upcoming meetings (records and documents) are copied ahead of use. */
const MAX_UPCOMING = 5;
const OWN_READS = new Set(['/api/me', '/api/me/meetings', '/api/me/tasks', '/api/me/notifications', '/api/me/grading']);
/** Files of the site root the shell shows (the header's logo, the manifest and its icons). */
const SHELL_FILES = ['/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];
const MEETING = /^\/api\/meetings\/(\d+)$/;
const DOCUMENT = /^\/api\/meetings\/(\d+)\/documents\/(\d+)$/;
const MINUTES = /^\/api\/meetings\/(\d+)\/minutes\.pdf$/;

/** The user whose copy is kept (null: none; undefined: not read back from Cache Storage yet). */
let currentUser;

self.addEventListener('install', (event) => {
  event.waitUntil(
    keepShell()
      .catch(() => {})
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('chibo-shell-') && key !== SHELL) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data ?? {};
  if (data.type === 'logout') event.waitUntil(forgetUsers());
  if (data.type === 'keep-assets' && Array.isArray(data.urls)) event.waitUntil(keepAssets(data.urls));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    const kind = personalKind(url.pathname);
    if (kind) event.respondWith(personal(event, url, kind));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(req));
    return;
  }
  if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(shellFile(req, url.pathname));
    return;
  }
  if (req.mode === 'navigate') event.respondWith(page(req));
});

// ---- the app shell ----------------------------------------------------------------------------

async function keepShell() {
  const res = await fetch('/', { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok) return;
  const html = await res.clone().text();
  const cache = await caches.open(SHELL);
  await cache.put('/', res);
  const urls = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await keepAssets(urls);
  for (const path of SHELL_FILES) {
    const file = await fetch(path, { cache: 'no-cache' });
    if (file.ok) await cache.put(path, file);
  }
}

async function shellFile(req, path) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(path, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(path);
    if (hit) return hit;
    throw err;
  }
}

async function keepAssets(urls) {
  const cache = await caches.open(SHELL);
  for (const u of urls) {
    const url = new URL(u, self.location.origin);
    if (url.origin !== self.location.origin || !url.pathname.startsWith('/assets/')) continue;
    if (await cache.match(url.pathname)) continue;
    try {
      const res = await fetch(url.pathname);
      if (res.ok) await cache.put(url.pathname, res);
    } catch {
      // offline: kept the next time
    }
  }
}

async function asset(req) {
  const cache = await caches.open(SHELL);
  const path = new URL(req.url).pathname;
  const hit = await cache.match(path);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(path, res.clone());
  return res;
}

async function page(req) {
  try {
    const res = await fetch(req);
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
      const cache = await caches.open(SHELL);
      await cache.put('/', res.clone());
    }
    return res;
  } catch (err) {
    const hit = await (await caches.open(SHELL)).match('/');
    if (hit) return hit;
    throw err;
  }
}

// ---- the member's copy ------------------------------------------------------------------------

function personalKind(path) {
  if (path === '/api/me') return 'me';
  if (OWN_READS.has(path)) return 'own';
  if (MEETING.test(path)) return 'meeting';
  if (DOCUMENT.test(path)) return 'document';
  if (MINUTES.test(path)) return 'minutes';
  return null;
}

/** Cache keys are path + query: the same URL never answers for two users (one cache per user). */
const keyOf = (url) => url.pathname + url.search;

async function userCacheName() {
  if (currentUser === undefined) {
    const keys = (await caches.keys()).filter((k) => k.startsWith(USER_PREFIX));
    currentUser = keys.length === 1 ? keys[0].slice(USER_PREFIX.length) : null;
    // More than one (should not happen): keep none rather than guess whose.
    if (keys.length > 1) await forgetUsers();
  }
  return currentUser ? USER_PREFIX + currentUser : null;
}

async function forgetUsers() {
  currentUser = null;
  for (const key of await caches.keys()) if (key.startsWith(USER_PREFIX)) await caches.delete(key);
}

/** Another user answered /api/me: the previous user's copy is deleted before anything is kept. */
async function adoptUser(id) {
  const name = USER_PREFIX + id;
  for (const key of await caches.keys()) if (key.startsWith(USER_PREFIX) && key !== name) await caches.delete(key);
  currentUser = String(id);
  return caches.open(name);
}

async function stamped(res, body) {
  const headers = new Headers(res.headers);
  headers.set(COPIED_AT, new Date().toISOString());
  return new Response(body ?? (await res.clone().arrayBuffer()), {
    status: res.status,
    statusText: res.statusText,
    headers,
  });
}

/** The meetings whose record, documents and minutes belong to the member's copy. */
async function ownMeetings(cache) {
  const res = await cache.match('/api/me/meetings');
  if (!res) return { upcoming: [], minutes: null };
  const body = await res.json();
  const upcoming = (body.upcoming ?? []).slice(0, MAX_UPCOMING).map((m) => m.id);
  const adopted = (body.recent ?? []).find((m) => m.minutesAdopted);
  return { upcoming, minutes: adopted ? adopted.id : null };
}

async function allowed(cache, path, kind) {
  if (kind === 'me' || kind === 'own') return true;
  const own = await ownMeetings(cache);
  if (kind === 'meeting') {
    const id = Number(MEETING.exec(path)[1]);
    return own.upcoming.includes(id) || own.minutes === id;
  }
  if (kind === 'document') return own.upcoming.includes(Number(DOCUMENT.exec(path)[1]));
  return own.minutes === Number(MINUTES.exec(path)[1]);
}

async function personal(event, url, kind) {
  let res;
  try {
    res = await fetch(event.request);
  } catch (err) {
    return fromCopy(event, url, kind, err);
  }
  if (res.status === 401) {
    await forgetUsers();
    return res;
  }
  if (res.status === 200) {
    try {
      await keep(event, url, kind, res);
    } catch {
      // a copy that could not be kept is only a copy less
    }
  }
  return res;
}

async function keep(event, url, kind, res) {
  let cache;
  let body;
  if (kind === 'me') {
    const me = await res.clone().json();
    if (!me?.user?.id) return;
    // Identity numbers stay on the server (ADR 040): the member's pages kept offline do not show them.
    if (me.member) {
      delete me.member.nationalId;
      delete me.member.cardNumber;
    }
    body = JSON.stringify(me);
    cache = await adoptUser(me.user.id);
  } else {
    const name = await userCacheName();
    if (!name || !(await caches.has(name))) return;
    cache = await caches.open(name);
    if (!(await allowed(cache, url.pathname, kind))) return;
  }
  await cache.put(keyOf(url), await stamped(res, body));
  if (url.pathname === '/api/me/meetings') event.waitUntil(copyAhead(cache));
}

/** Copies the records, documents and last adopted minutes the member will want offline. */
async function copyAhead(cache) {
  const own = await ownMeetings(cache);
  const ids = [...own.upcoming, ...(own.minutes ? [own.minutes] : [])];
  for (const id of ids) {
    const detail = await copyOnce(cache, `/api/meetings/${id}`);
    if (!detail || !own.upcoming.includes(id)) continue;
    const record = await detail.json();
    for (const d of record.documents ?? []) await copyOnce(cache, `/api/meetings/${id}/documents/${d.id}`);
  }
  if (own.minutes) await copyOnce(cache, `/api/meetings/${own.minutes}/minutes.pdf`);
}

/** The copy of `path`, fetched first when there is none (or it is too old); null if it cannot be. */
async function copyOnce(cache, path) {
  const hit = await cache.match(path);
  if (hit && fresh(hit)) return hit;
  try {
    const res = await fetch(path, { credentials: 'same-origin' });
    if (res.status !== 200) return null;
    // Logged out meanwhile: nothing is kept.
    if (!(await caches.has(USER_PREFIX + currentUser))) return null;
    const copy = await stamped(res);
    await cache.put(path, copy.clone());
    return copy;
  } catch {
    return null;
  }
}

function fresh(res) {
  const at = Date.parse(res.headers.get(COPIED_AT) ?? '');
  return Number.isFinite(at) && Date.now() - at < MAX_AGE_MS;
}

async function fromCopy(event, url, kind, err) {
  const name = await userCacheName();
  const cache = name && (await caches.has(name)) ? await caches.open(name) : null;
  const hit = cache ? await cache.match(keyOf(url), { ignoreVary: true }) : undefined;
  if (hit && fresh(hit)) {
    void tell(event, hit.headers.get(COPIED_AT));
    return hit;
  }
  if (hit) await cache.delete(keyOf(url));
  // Nobody's copy: offline, the app shows its login page (a 401 as the server would give).
  if (kind === 'me') return problem(401, 'UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.');
  if (event.request.mode === 'navigate') throw err;
  return problem(503, 'OFFLINE', 'Bạn đang ngoại tuyến và máy chưa lưu mục này. Vui lòng thử lại khi có mạng.');
}

function problem(status, code, message) {
  return new Response(JSON.stringify({ code, message, details: {} }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** Tells the page a copy was shown, with its time, for the offline notice. */
async function tell(event, copiedAt) {
  const id = event.clientId || event.resultingClientId;
  const client = id ? await self.clients.get(id) : null;
  const targets = client ? [client] : await self.clients.matchAll({ type: 'window' });
  for (const c of targets) c.postMessage({ type: 'chibo-copy', copiedAt });
}
