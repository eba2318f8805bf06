// Offline storage shared by the pages (offline.js) and the service worker (/sw.js): one IndexedDB database
// "lms-offline" (saved packs, the queue of actions done offline, their outcomes, the owner) and one cache
// per saved course ("lms-pack-<course id>"). Nothing here talks to another host.
(function (scope) {
  "use strict";
  var DB = "lms-offline";
  var PACK_CACHE = "lms-pack-";
  var STORES = ["packs", "queue", "outcomes", "meta"];

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        STORES.forEach(function (name) {
          if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: name === "meta" || name === "packs" ? "key" : "id" });
        });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // Each call opens and closes its own connection, so deleting the database is never blocked.
  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var request = work(tx.objectStore(store));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  // Reading never creates the database: after sign-out the browser keeps no trace until something is saved.
  async function exists() {
    if (!indexedDB.databases) return true;
    return (await indexedDB.databases()).some(function (db) { return db.name === DB; });
  }
  async function all(store) {
    return (await exists()) ? run(store, "readonly", function (s) { return s.getAll(); }) : [];
  }
  async function get(store, key) {
    return (await exists()) ? run(store, "readonly", function (s) { return s.get(key); }) : undefined;
  }
  function put(store, value) { return run(store, "readwrite", function (s) { return s.put(value); }); }
  function remove(store, key) { return run(store, "readwrite", function (s) { return s.delete(key); }); }

  async function packCaches() {
    return (await caches.keys()).filter(function (name) { return name.indexOf(PACK_CACHE) === 0; });
  }

  // Everything this site stored in the browser: every cache and the whole database (sign-out, new owner).
  async function clearAll() {
    var names = await caches.keys();
    await Promise.all(names.filter(function (n) { return n.indexOf("lms-") === 0; }).map(function (n) { return caches.delete(n); }));
    await new Promise(function (resolve) {
      var request = indexedDB.deleteDatabase(DB);
      request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
    });
  }

  function quotaError() {
    var error = new Error("not enough storage");
    error.name = "QuotaExceededError";
    return error;
  }

  async function fetchEntry(cache, entry) {
    var response = await fetch(entry.url, { credentials: "same-origin", cache: "no-store", headers: { Purpose: "prefetch" } });
    if (!response.ok) throw new Error("HTTP " + response.status + " for " + entry.url);
    var body = await response.blob();
    // A fresh response (never "redirected"), so the worker may answer a page navigation with it.
    await cache.put(entry.url, new Response(body, { status: 200, headers: response.headers }));
    return body.size;
  }

  // Download every entry of a pack into its own cache. The pack is recorded as saved only when all of it
  // is there; on any failure (storage full, lost connection) the cache is deleted, so nothing half-saved
  // ever looks complete.
  async function savePack(pack, packUrl, onProgress) {
    if (navigator.storage && navigator.storage.estimate) {
      var estimate = await navigator.storage.estimate();
      if (estimate.quota && estimate.quota - estimate.usage < pack.bytes * 1.1) throw quotaError();
    }
    var name = PACK_CACHE + pack.key;
    await remove("packs", pack.key);
    await caches.delete(name);
    var cache = await caches.open(name);
    var entries = [], bytes = 0;
    try {
      for (var i = 0; i < pack.entries.length; i++) {
        var entry = pack.entries[i];
        var size = await fetchEntry(cache, entry);
        bytes += size;
        entries.push({ url: entry.url, rev: entry.rev, kind: entry.kind, page: entry.page, title: entry.title, size: size });
        if (onProgress) onProgress(i + 1, pack.entries.length, bytes);
      }
    } catch (error) {
      await caches.delete(name);
      throw error;
    }
    var record = {
      key: pack.key, course: pack.course, title: pack.title, url: pack.url, language: pack.language,
      revision: pack.revision, sync: pack.sync, packUrl: packUrl, bytes: bytes, entries: entries,
      savedAt: new Date().toISOString(), complete: true
    };
    await put("packs", record);
    return record;
  }

  // A saved course after it was republished: fetch again the entries whose revision changed, add new ones,
  // drop the ones no longer in the course. Returns true when something changed.
  async function refreshPack(record) {
    var response = await fetch(record.packUrl, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) return false;
    var pack = await response.json();
    if (pack.revision === record.revision) return false;
    var cache = await caches.open(PACK_CACHE + record.key);
    var old = {};
    record.entries.forEach(function (e) { old[e.url] = e; });
    var entries = [];
    for (var i = 0; i < pack.entries.length; i++) {
      var entry = pack.entries[i], before = old[entry.url];
      var size = before && before.rev === entry.rev ? before.size : await fetchEntry(cache, entry);
      entries.push({ url: entry.url, rev: entry.rev, kind: entry.kind, page: entry.page, title: entry.title, size: size });
      delete old[entry.url];
    }
    await Promise.all(Object.keys(old).map(function (url) { return cache.delete(url); }));
    record.entries = entries;
    record.revision = pack.revision;
    record.title = pack.title;
    record.bytes = entries.reduce(function (sum, e) { return sum + e.size; }, 0);
    await put("packs", record);
    return true;
  }

  async function removePack(key) {
    await caches.delete(PACK_CACHE + key);
    await remove("packs", key);
  }

  // Send the queued actions to the server once (a lock keeps two tabs and the worker from sending the same
  // queue at once; the server accepts each action once by its id anyway). Outcomes are kept to be shown.
  async function send() {
    var work = async function () {
      var queue = (await all("queue")).slice(0, 200);
      if (!queue.length) return null;
      var endpoint = queue[0].endpoint;
      var batch = queue.filter(function (item) { return item.endpoint === endpoint; });
      var tokenResponse = await fetch(endpoint, { credentials: "same-origin", cache: "no-store" });
      if (!tokenResponse.ok) throw new Error("HTTP " + tokenResponse.status);
      var token = (await tokenResponse.json()).csrf;
      var response = await fetch(endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({
          actions: batch.map(function (item) {
            return { id: item.id, type: item.type, page: item.page, question: item.question, options: item.options, at: item.at };
          })
        })
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      var data = await response.json();
      for (var i = 0; i < data.results.length; i++) {
        var result = data.results[i];
        await put("outcomes", result);
        await remove("queue", result.id);
      }
      return data;
    };
    if (scope.navigator && navigator.locks) return navigator.locks.request("lms-offline-send", work);
    return work();
  }

  function uuid() {
    if (scope.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  scope.LmsOffline = {
    all: all, get: get, put: put, remove: remove, clearAll: clearAll, packCaches: packCaches,
    savePack: savePack, refreshPack: refreshPack, removePack: removePack, send: send, uuid: uuid
  };
})(self);
