// The service worker of the learning site. Hand-written and short on purpose (see README,
// "Offline course packs"): it only answers GET requests of this site's learner pages and their files,
// and only from the caches of the courses a learner saved. It never stores a page by itself, never touches
// /admin/, account, staff or document URLs, and never sends anything to another host.
importScripts("{{ store_js }}");

var PACK_CACHE = "lms-pack-";
// Learner pages are under a language prefix; these never go through the worker.
var NEVER = [/^\/admin\//, /^\/documents\//, /^\/[a-z]{2}\/accounts\//, /\/staff\//, /^\/[a-z]{2}\/offline\/sync\//];

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function handled(url) {
  if (url.origin !== self.location.origin) return false;
  if (NEVER.some(function (pattern) { return pattern.test(url.pathname); })) return false;
  return /^\/[a-z]{2}\//.test(url.pathname) || /^\/(static|media|read-aloud)\//.test(url.pathname);
}

async function saved(url) {
  var names = await self.LmsOffline.packCaches();
  for (var i = 0; i < names.length; i++) {
    var cache = await caches.open(names[i]);
    var response = await cache.match(url);
    if (response) return { response: response, cache: cache };
  }
  return null;
}

// Another size of a saved picture: "name.width-720.format-webp.webp" offline gives the saved phone size.
async function otherSize(url) {
  var stem = url.pathname.replace(/\.(width|fill)-[^/]*$/, ".");
  if (stem === url.pathname) return null;
  var names = await self.LmsOffline.packCaches();
  for (var i = 0; i < names.length; i++) {
    var cache = await caches.open(names[i]);
    var keys = await cache.keys();
    for (var j = 0; j < keys.length; j++) {
      if (new URL(keys[j].url).pathname.indexOf(stem) === 0) return cache.match(keys[j]);
    }
  }
  return null;
}

// Pages: the network first; a saved page's copy is refreshed when it is read online; offline, the saved
// copy, else the saved "not saved on this device" page.
async function page(request, url) {
  try {
    var response = await fetch(request);
    if (response.ok && !response.redirected && response.type === "basic") {
      var hit = await saved(url.href);
      if (hit) await hit.cache.put(url.href, response.clone());
    }
    return response;
  } catch (error) {
    var copy = await saved(url.href);
    if (copy) return copy.response;
    var language = url.pathname.split("/")[1];
    var fallback = await saved(self.location.origin + "/" + language + "/offline/unavailable/");
    if (fallback) return fallback.response;
    throw error;
  }
}

// Files of saved courses (CSS, scripts, fonts, pictures, quiz questions): the saved copy first, except for
// requests that ask for the network (saving or refreshing a course fetches with cache "no-store").
async function file(request, url) {
  if (request.cache === "no-store" || request.cache === "reload") return fetch(request);
  var hit = await saved(url.href);
  if (hit) return hit.response;
  try {
    return await fetch(request);
  } catch (error) {
    var picture = url.pathname.indexOf("/media/images/") === 0 ? await otherSize(url) : null;
    if (picture) return picture;
    throw error;
  }
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  // Saving or refreshing a course (Purpose: prefetch) and htmx fragments always go to the network.
  if (!handled(url) || request.headers.get("HX-Request") || request.headers.get("Purpose") === "prefetch") return;
  if (request.mode === "navigate") event.respondWith(page(request, url));
  else event.respondWith(file(request, url));
});

// Background Sync: send what was done offline as soon as the connection is back, even with no page open.
self.addEventListener("sync", function (event) {
  if (event.tag !== "lms-offline-send") return;
  event.waitUntil(
    self.LmsOffline.send().then(function (data) {
      return self.clients.matchAll({ type: "window" }).then(function (clients) {
        clients.forEach(function (client) { client.postMessage({ type: "lms-offline-sent", data: data }); });
      });
    })
  );
});
