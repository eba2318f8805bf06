"""Content-Security-Policy: a strict policy on the site, Wagtail's own looser one under /admin/, and
templates that need neither inline scripts, inline handlers, style attributes nor eval."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Templates rendered inside the Wagtail admin (its looser policy applies there) or only by WeasyPrint.
NOT_SITE_PAGES = ("certificates/admin/", "quizzes/admin/", "reports/", "certificates/certificate.html")


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_site_pages_get_a_strict_policy(client, site):
    response = client.get("/th/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/th/accounts/sign-in/", "/th/verify/", "/th/no-such-page/"])
def test_every_site_response_carries_the_strict_policy(client, site, path):
    response = client.get(path)
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_admin_gets_its_own_policy_that_still_limits_sources(client):
    response = client.get("/admin/login/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"), "inline <script>"),
    (re.compile(r"\shx-on[:-]"), "hx-on handler (needs eval)"),
    (re.compile(r"\son[a-z]+=\""), "inline event handler"),
    (re.compile(r"\sstyle=\""), "style attribute"),
    (re.compile(r"<style[\s>]"), "<style> element"),
    (re.compile(r"(hx-vals|hx-headers)=['\"]js:"), "htmx js: expression (needs eval)"),
]


def test_site_templates_use_no_inline_script_handler_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(NOT_SITE_PAGES):
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {label}" for pattern, label in INLINE if pattern.search(text)]
    assert found == []


def test_htmx_is_configured_without_eval_or_injected_styles(client, site):
    html = client.get("/th/").content.decode()
    assert '"allowEval": false' in html
    assert '"includeIndicatorStyles": false' in html
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert ".htmx-indicator" in css
