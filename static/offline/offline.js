// Offline course packs in the page: the worker's registration, the offline banner and "waiting to send (N)",
// "save this course for offline use", "mark as done" and quiz answers queued offline, sending them when the
// connection is back, saved courses marked in lists, and wiping everything at sign-out. Texts come from the
// server in #offline-strings (the Content-Security-Policy forbids inline scripts).
(function () {
  "use strict";
  var store = window.LmsOffline;
  var stringsElement = document.getElementById("offline-strings");
  if (!store || !stringsElement || !window.indexedDB || !window.caches) return;
  var T = JSON.parse(stringsElement.textContent);
  var ownerMeta = document.querySelector('meta[name="lms-offline-owner"]');
  var owner = ownerMeta ? ownerMeta.content : "";
  var path = location.pathname;

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) { return key in values ? values[key] : match; });
  }
  function megabytes(bytes) { return fill(T.megabytes, { size: Math.max(0.1, bytes / 1e6).toFixed(1) }); }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function button(text, onClick, className) {
    var node = element("button", className || "secondary", text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }
  function online() { return navigator.onLine; }

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "lms-offline-sent") showOutcomes().then(updateBanner);
    });
  }
  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.ready
      .then(function (registration) { return registration.sync && registration.sync.register("lms-offline-send"); })
      .catch(function () {});
  }

  async function completePacks() {
    return (await store.all("packs")).filter(function (pack) { return pack.complete; });
  }
  async function entryHere(kind) {
    var packs = await completePacks();
    for (var i = 0; i < packs.length; i++) {
      for (var j = 0; j < packs[i].entries.length; j++) {
        var entry = packs[i].entries[j];
        if (entry.url === path && (!kind || entry.kind === kind)) return { pack: packs[i], entry: entry };
      }
    }
    return null;
  }

  // The banner: offline, waiting to send (N), send now, and what the server said.
  var banner = element("div", "offline-banner");
  banner.setAttribute("role", "status");
  banner.hidden = true;
  var bannerText = element("p", "offline-banner-text");
  var sendButton = button(T.sendNow, function () { sendNow(); }, "link-button offline-send");
  var report = element("ul", "offline-report");
  banner.append(bannerText, sendButton, report);
  document.body.prepend(banner);

  async function updateBanner() {
    var queue = await store.all("queue");
    var parts = [];
    if (!online()) parts.push(T.offline);
    if (queue.length) parts.push(fill(T.waiting, { count: queue.length }));
    bannerText.textContent = parts.join(" ");
    bannerText.hidden = !parts.length;
    sendButton.hidden = !(online() && queue.length);
    banner.hidden = !parts.length && !report.children.length;
  }

  async function titleOfCourse(pageId) {
    var packs = await completePacks();
    for (var i = 0; i < packs.length; i++) {
      if (packs[i].entries.some(function (e) { return e.page === pageId; })) return packs[i].title;
    }
    return "";
  }

  async function showOutcomes() {
    var outcomes = await store.all("outcomes");
    if (!outcomes.length) return;
    var lines = [], accepted = 0, quizzes = {}, completed = false, completedPage = null;
    outcomes.forEach(function (outcome) {
      if (outcome.status !== "accepted") {
        lines.push(fill(T.refused, { title: outcome.title || "", message: outcome.message }));
        return;
      }
      accepted += 1;
      if (outcome.type === "answer") {
        var quiz = quizzes[outcome.page] || (quizzes[outcome.page] = { title: outcome.title, count: 0, last: null });
        quiz.count += 1;
        if (outcome.finished) quiz.last = outcome;
      }
      if (outcome.course_complete || (outcome.finished && outcome.passed)) { completed = true; completedPage = outcome.page; }
    });
    lines.unshift(fill(T.sent, { count: accepted }));
    Object.keys(quizzes).forEach(function (key) {
      var quiz = quizzes[key];
      if (quiz.last) lines.push(fill(quiz.last.passed ? T.quizPassed : T.quizNotPassed, { title: quiz.title, score: quiz.last.score }));
      else lines.push(fill(T.answersChecked, { title: quiz.title, count: quiz.count }));
    });
    if (completed) lines.push(fill(T.courseComplete, { title: await titleOfCourse(completedPage) }));
    lines.forEach(function (line) { report.append(element("li", "", line)); });
    await Promise.all(outcomes.map(function (outcome) { return store.remove("outcomes", outcome.id); }));
  }

  var sending = null;
  function sendNow() {
    if (!online()) return Promise.resolve();
    if (sending) return sending;
    sendButton.disabled = true;
    sendButton.textContent = T.sending;
    sending = store.send()
      .catch(function () { report.append(element("li", "", T.sendFailed)); })
      .then(showOutcomes)
      .then(function () {
        sending = null;
        sendButton.disabled = false;
        sendButton.textContent = T.sendNow;
        return updateBanner();
      });
    return sending;
  }

  // "Mark as done" offline: queued on the device with an id made here, the form replaced by a note.
  function queuedNote(form, text) {
    var note = element("p", "done-note offline-queued", text);
    note.setAttribute("role", "status");
    form.replaceWith(note);
  }
  async function queueDone(form) {
    var here = await entryHere("lesson");
    if (!here) return;
    await store.put("queue", {
      id: store.uuid(), type: "done", page: here.entry.page, title: here.entry.title,
      endpoint: here.pack.sync, at: new Date().toISOString()
    });
    queuedNote(form, T.doneQueued);
    askForBackgroundSync();
    updateBanner();
  }
  async function showQueuedDone() {
    var here = await entryHere("lesson");
    if (!here) return;
    var queue = await store.all("queue");
    var form = document.querySelector('form[action$="/done/"]');
    if (form && queue.some(function (item) { return item.type === "done" && item.page === here.entry.page; })) {
      queuedNote(form, T.doneQueued);
    }
  }

  async function signOut(form) {
    if (online()) {
      try { await sendNow(); } catch (error) { /* the queue is wiped with everything else */ }
    }
    await store.clearAll();
    form.dataset.offlineCleared = "1";
    form.submit();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var action = form.getAttribute("action") || "";
    if (/\/sign-out\/$/.test(action) && !form.dataset.offlineCleared && online()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      signOut(form);
    } else if (/\/done\/$/.test(action) && !online()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      queueDone(form);
    }
  }, true);

  // A quiz offline: its questions (saved without answers) in one form; answers are queued, checked online.
  async function offlineQuiz() {
    var here = await entryHere("quiz");
    var container = document.getElementById("quiz");
    if (!here || !container) return;
    var questionsEntry = here.pack.entries.filter(function (e) { return e.kind === "questions" && e.page === here.entry.page; })[0];
    var response = questionsEntry && (await caches.match(questionsEntry.url));
    if (!response) return;
    var data = await response.json();
    var queued = {};
    (await store.all("queue")).forEach(function (item) {
      if (item.type === "answer" && item.page === here.entry.page) queued[item.question] = item.options;
    });
    var form = element("form", "offline-quiz");
    var message = element("p", "error-note");
    message.hidden = true;
    form.append(element("p", "help", T.quizOffline), message);
    data.questions.forEach(function (question) {
      var fieldset = element("fieldset", "quiz-question");
      fieldset.append(element("legend", "", question.number + ". " + question.text));
      question.options.forEach(function (option) {
        var label = element("label", "quiz-option");
        var input = document.createElement("input");
        input.type = question.kind === "multiple" ? "checkbox" : "radio";
        input.name = "q-" + question.key;
        input.value = option.key;
        if (queued[question.key]) {
          input.disabled = true;
          input.checked = queued[question.key].indexOf(option.key) !== -1;
        }
        label.append(input, document.createTextNode(" " + option.text));
        fieldset.append(label);
      });
      form.append(fieldset);
    });
    var submit = element("button", "primary", T.saveAnswers);
    submit.type = "submit";
    form.append(submit);
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var added = 0;
      for (var i = 0; i < data.questions.length; i++) {
        var question = data.questions[i];
        if (queued[question.key]) continue;
        var chosen = Array.prototype.map.call(
          form.querySelectorAll('input[name="q-' + question.key + '"]:checked'), function (input) { return input.value; });
        if (!chosen.length) continue;
        await store.put("queue", {
          id: store.uuid(), type: "answer", page: here.entry.page, title: here.entry.title, question: question.key,
          options: chosen, endpoint: here.pack.sync, at: new Date().toISOString()
        });
        added += 1;
      }
      if (!added) {
        message.textContent = T.chooseAnswer;
        message.hidden = false;
        return;
      }
      var note = element("p", "done-note offline-queued", T.answersQueued);
      note.setAttribute("role", "status");
      form.replaceWith(note);
      askForBackgroundSync();
      updateBanner();
    });
    container.replaceChildren(form);
  }

  // "Save this course for offline use": the size first, then progress, then "saved" with "remove".
  function setUpSave(section) {
    var key = section.dataset.course;
    var status = section.querySelector("[data-offline-status]");
    var actions = section.querySelector("[data-offline-actions]");
    var progress = section.querySelector("progress");
    var prepare = section.querySelector("[data-offline-prepare]");
    section.hidden = false;

    function idle(text) {
      status.textContent = text || "";
      prepare.disabled = false;
      actions.replaceChildren(prepare);
    }
    function saved(record) {
      status.textContent = fill(T.saved, { size: megabytes(record.bytes) });
      actions.replaceChildren(button(T.remove, async function () {
        await store.removePack(key);
        idle(T.removed);
        markSaved();
      }));
    }
    async function download(pack, packUrl) {
      actions.replaceChildren();
      progress.max = pack.entries.length;
      progress.value = 0;
      progress.hidden = false;
      try {
        var record = await store.savePack(pack, packUrl, function (done, total) {
          progress.value = done;
          status.textContent = fill(T.saving, { done: done, total: total });
        });
        saved(record);
        markSaved();
      } catch (error) {
        idle(error && error.name === "QuotaExceededError" ? T.storageFull : T.failed);
      } finally {
        progress.hidden = true;
      }
    }
    prepare.addEventListener("click", async function () {
      prepare.disabled = true;
      try {
        var response = await fetch(section.dataset.packUrl, { credentials: "same-origin", cache: "no-store" });
        var pack = await response.json();
        if (!response.ok) return idle(pack.error);
        var size = megabytes(pack.bytes);
        status.textContent = fill(T.sizeQuestion, { size: size });
        var choices = [button(fill(T.download, { size: size }), function () { download(pack, section.dataset.packUrl); }, "primary")];
        if (pack.audio_bytes > 0) {
          // Read-aloud audio is several times the text: offered as a second, larger choice.
          var withAudio = megabytes(pack.bytes + pack.audio_bytes);
          var audioUrl = section.dataset.packUrl + (section.dataset.packUrl.indexOf("?") < 0 ? "?" : "&") + "audio=1";
          choices.push(button(fill(T.downloadWithAudio, { size: withAudio }), async function () {
            var answer = await fetch(audioUrl, { credentials: "same-origin", cache: "no-store" });
            var full = await answer.json();
            if (!answer.ok) return idle(full.error);
            download(full, audioUrl);
          }));
        }
        choices.push(button(T.cancel, function () { idle(""); }));
        actions.replaceChildren.apply(actions, choices);
      } catch (error) {
        idle(T.failed);
      }
    });
    store.get("packs", key).then(function (record) { if (record && record.complete) saved(record); });
  }

  // Saved courses: marked wherever a course is listed, and listed with size and "remove" in My learning.
  async function markSaved() {
    var packs = await completePacks();
    var byUrl = {};
    packs.forEach(function (pack) { byUrl[pack.url] = pack; });
    document.querySelectorAll(".course-card a[href]:not(.course-card-picture), .my-courses h3 a[href]").forEach(function (link) {
      var badge = link.parentElement.querySelector(".saved-badge");
      var isSaved = !!byUrl[new URL(link.href, location.href).pathname];
      if (isSaved && !badge) link.insertAdjacentElement("afterend", element("span", "saved-badge", T.savedBadge));
      if (!isSaved && badge) badge.remove();
    });
    var list = document.querySelector("[data-offline-saved-list]");
    if (!list) return;
    list.replaceChildren();
    if (!packs.length) list.append(element("li", "", T.noneSaved));
    packs.forEach(function (pack) {
      var item = element("li", "offline-saved-item");
      var link = element("a", "", pack.title);
      link.href = pack.url;
      item.append(link, document.createTextNode(" · " + megabytes(pack.bytes) + " "));
      item.append(button(T.remove, async function () {
        await store.removePack(pack.key);
        markSaved();
      }));
      list.append(item);
    });
  }

  async function start() {
    if (owner) {
      var known = await store.get("meta", "owner");
      if (known && known.value !== owner) await store.clearAll();
      if (!known || known.value !== owner) await store.put("meta", { key: "owner", value: owner });
    }
    document.querySelectorAll("[data-offline-save]").forEach(setUpSave);
    await markSaved();
    if (online()) {
      await sendNow();
      var here = await entryHere();
      var packs = here ? [here.pack] : document.querySelector("[data-offline-saved-list]") ? await completePacks() : [];
      for (var i = 0; i < packs.length; i++) {
        try { await store.refreshPack(packs[i]); } catch (error) { /* kept as saved; tried again next time */ }
      }
    } else {
      await showQueuedDone();
      await offlineQuiz();
    }
    await updateBanner();
  }

  window.addEventListener("online", function () { sendNow(); });
  window.addEventListener("offline", updateBanner);
  start();
})();
