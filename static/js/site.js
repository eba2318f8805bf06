// Small behaviours for the site pages, kept out of the HTML so the Content-Security-Policy can forbid
// inline scripts and eval. Everything here is an enhancement: the pages work without JavaScript.
document.addEventListener("htmx:responseError", function (event) {
  // A form marked data-submit-on-error falls back to a normal post when its htmx request fails,
  // so the learner sees the server's full error page instead of nothing.
  var form = event.detail.elt.closest("form[data-submit-on-error]");
  if (form) form.submit();
});
