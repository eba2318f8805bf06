// Share buttons on the certificate share page: the phone's share sheet where it exists, and copy link.
// Without JavaScript the LINE link and the read-only link field still work.
(function () {
  "use strict";
  function ready() {
    document.querySelectorAll("[data-web-share]").forEach(function (button) {
      if (!navigator.share) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(function () {});
      });
    });
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.copy).then(function () {
          button.textContent = button.dataset.copied;
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
