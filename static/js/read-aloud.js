// Read aloud ("listen"): speaks a lesson or quiz question sentence by sentence and highlights the sentence.
// The server has cut the text into sentences: <span class="ra-s" data-ra="N"> (several spans may share N).
// With a voice for the page's language, the browser's speech synthesis reads; otherwise the audio that the
// server made when the page was published plays, highlighting by its sentence start times. Without
// JavaScript the control stays hidden and the server's audio shows as a plain audio player.
(function () {
  "use strict";
  var RATES = [1, 0.85, 0.7, 0.55];
  var synth = window.speechSynthesis;
  var active = null;

  function voiceFor(lang, voices) {
    var wanted = (lang || "").toLowerCase();
    var matches = voices.filter(function (voice) {
      var code = (voice.lang || "").toLowerCase().replace("_", "-");
      return code === wanted || code.indexOf(wanted + "-") === 0;
    });
    return matches.filter(function (voice) { return voice.localService; })[0] || matches[0] || null;
  }

  function withVoices(callback) {
    if (!synth) { callback([]); return; }
    var voices = synth.getVoices();
    if (voices.length) { callback(voices); return; }
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      callback(synth.getVoices());
    }
    synth.addEventListener("voiceschanged", finish, { once: true });
    setTimeout(finish, 800);
  }

  function Player(control) {
    this.control = control;
    this.region = control.parentNode;
    this.lang = control.getAttribute("data-ra-lang");
    this.audioUrl = control.getAttribute("data-ra-audio");
    var timings = control.getAttribute("data-ra-timings");
    this.timings = timings ? timings.split(",").map(Number) : [];
    this.status = control.querySelector(".ra-status");
    this.rate = 0;
    this.index = 0;
    this.token = 0;
    this.engine = null;
    this.sentences = [];
    var spans = this.region.querySelectorAll(".ra-s[data-ra]");
    for (var i = 0; i < spans.length; i++) {
      var n = Number(spans[i].getAttribute("data-ra"));
      this.sentences[n] = (this.sentences[n] || "") + spans[i].textContent;
    }
    this.sentences = this.sentences.map(function (text) { return (text || "").replace(/\s+/g, " ").trim(); });
    if (this.timings.length !== this.sentences.length) this.timings = [];
  }

  Player.prototype.setState = function (state) {
    this.state = state;
    this.control.setAttribute("data-ra-state", state);
    var shown = { play: state === "idle", pause: state === "playing", resume: state === "paused", slower: state !== "idle" };
    var buttons = this.control.querySelectorAll("[data-ra-action]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = !shown[buttons[i].getAttribute("data-ra-action")];
    }
    this.control.querySelector(".ra-play").setAttribute("aria-pressed", state === "idle" ? "false" : "true");
  };

  Player.prototype.highlight = function (index) {
    var old = this.region.querySelectorAll(".ra-s.ra-current");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("ra-current");
    this.control.setAttribute("data-ra-current", index === null ? "" : String(index));
    if (index === null) return;
    var spans = this.region.querySelectorAll('.ra-s[data-ra="' + index + '"]');
    for (var j = 0; j < spans.length; j++) spans[j].classList.add("ra-current");
    if (spans.length) {
      var box = spans[0].getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) spans[0].scrollIntoView({ block: "center" });
    }
  };

  Player.prototype.say = function (message) {
    this.status.textContent = message || "";
  };

  Player.prototype.start = function () {
    if (active && active !== this) active.stop();
    active = this;
    var self = this;
    withVoices(function (voices) {
      self.voice = voiceFor(self.lang, voices);
      if (self.voice) {
        self.engine = "speech";
      } else if (self.audioUrl) {
        self.engine = "audio";
      } else {
        self.say(self.status.getAttribute("data-ra-no-audio"));
        return;
      }
      self.control.setAttribute("data-ra-engine", self.engine);
      self.index = 0;
      self.setState("playing");
      self.play();
    });
  };

  Player.prototype.play = function () {
    if (this.engine === "speech") this.speak(this.index);
    else this.playAudio();
  };

  Player.prototype.speak = function (index) {
    var self = this;
    var token = ++this.token;
    if (!document.contains(this.control) || index >= this.sentences.length) {
      this.stop();
      return;
    }
    this.index = index;
    this.highlight(index);
    var utterance = new window.SpeechSynthesisUtterance(this.sentences[index]);
    utterance.lang = this.voice.lang;
    try { utterance.voice = this.voice; } catch (error) { /* a voice object of another window */ }
    utterance.rate = RATES[this.rate];
    utterance.onend = utterance.onerror = function () {
      if (token === self.token && self.state === "playing") self.speak(index + 1);
    };
    synth.speak(utterance);
  };

  Player.prototype.audioElement = function () {
    var audio = this.control.querySelector("audio.ra-audio");
    var self = this;
    if (!audio.getAttribute("data-ra-bound")) {
      audio.setAttribute("data-ra-bound", "1");
      audio.addEventListener("timeupdate", function () {
        if (!self.timings.length) return;
        var index = 0;
        while (index + 1 < self.timings.length && self.timings[index + 1] <= audio.currentTime) index++;
        if (String(index) !== self.control.getAttribute("data-ra-current")) self.highlight(index);
      });
      audio.addEventListener("ended", function () { self.stop(); });
    }
    return audio;
  };

  Player.prototype.playAudio = function () {
    var audio = this.audioElement();
    audio.playbackRate = RATES[this.rate];
    if (this.timings.length && audio.currentTime === 0) this.highlight(0);
    var self = this;
    var playing = audio.play();
    if (playing && playing.catch) playing.catch(function () { self.say(self.status.getAttribute("data-ra-no-audio")); });
  };

  Player.prototype.pause = function () {
    this.setState("paused");
    this.token++;
    if (this.engine === "speech") synth.cancel();
    else this.audioElement().pause();
  };

  Player.prototype.resume = function () {
    this.setState("playing");
    this.play();
  };

  Player.prototype.slower = function () {
    this.rate = Math.min(this.rate + 1, RATES.length - 1);
    this.say(this.status.getAttribute("data-ra-speed") + " " + Math.round(RATES[this.rate] * 100) + "%");
    if (this.engine === "audio") this.audioElement().playbackRate = RATES[this.rate];
    else if (this.state === "playing") {
      this.token++;
      synth.cancel();
      this.speak(this.index);
    }
  };

  Player.prototype.stop = function () {
    this.token++;
    if (this.engine === "speech" && synth) synth.cancel();
    if (this.engine === "audio") {
      var audio = this.audioElement();
      audio.pause();
      audio.currentTime = 0;
    }
    this.highlight(null);
    this.setState("idle");
    if (active === this) active = null;
  };

  function player(control) {
    if (!control.readAloud) control.readAloud = new Player(control);
    return control.readAloud;
  }

  function init(root) {
    var controls = (root.querySelectorAll ? root : document).querySelectorAll(".ra-control:not([data-ra-ready])");
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      control.setAttribute("data-ra-ready", "1");
      if (!synth && !control.getAttribute("data-ra-audio")) continue;
      control.querySelector(".ra-buttons").hidden = false;
      var row = control.querySelector(".ra-audio-row");
      if (row) row.hidden = true;
      player(control).setState("idle");
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ra-action]");
    if (!button) return;
    var control = button.closest(".ra-control");
    var target = player(control);
    var action = button.getAttribute("data-ra-action");
    if (action === "play") target.start();
    else if (action === "pause") target.pause();
    else if (action === "resume") target.resume();
    else if (action === "slower") target.slower();
  });
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  document.addEventListener("htmx:beforeSwap", function () { if (active) active.stop(); });
  window.addEventListener("pagehide", function () { if (synth) synth.cancel(); });
})();
