"""Shared-computer safety (idle sign-out, no caching of personal pages), locale and Content-Security-Policy."""

import time

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers

SHARED_SESSION_KEY = "shared_computer"
LAST_SEEN_KEY = "last_seen"


def mark_shared_computer(request):
    """Call right after sign-in when the learner ticks "this is a shared computer"."""
    request.session[SHARED_SESSION_KEY] = True
    request.session[LAST_SEEN_KEY] = int(time.time())
    request.session.set_expiry(0)  # ends when the browser closes


class SharedComputerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.get(SHARED_SESSION_KEY):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.SHARED_COMPUTER_IDLE_SECONDS:
                logout(request)
            else:
                request.session[LAST_SEEN_KEY] = now
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # Cache-Control: no-store for personal pages
        return response


class CachedSiteMiddleware:
    """Hand Wagtail the request's site and root pages from the cache (``lms.sites``) on the site's pages, not
    in the admin nor on the unprefixed paths (health check, documents, badges)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(LocaleMiddleware.UNPREFIXED):
            from . import sites

            request._wagtail_site = sites.site_for_request(request)
        return self.get_response(request)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware without redirecting unprefixed 404s such as ``/admin/x`` to ``/th/admin/x``.

    Wagtail's catch-all page route under each language prefix makes every prefixed path look valid, so
    Django would otherwise turn an admin 404 into a redirect to a front-end 404.
    """

    UNPREFIXED = ("/admin/", "/documents/", "/static/", "/media/", "/healthz", "/badges/", "/.well-known/")
    ADMIN = "/admin/"

    def process_request(self, request):
        """The admin starts in Thai whatever the browser or the site's language cookie says.

        Wagtail then switches to the user's own preferred language (account settings) when they set one.
        """
        if request.path_info.startswith(self.ADMIN):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: ``CONTENT_SECURITY_POLICY`` (strict) for the site and
    ``ADMIN_CONTENT_SECURITY_POLICY`` for the Wagtail admin under ``/admin/``, whose own templates and
    widgets still need inline scripts, inline styles and ``eval`` (wagtail/wagtail#1288)."""

    ADMIN_PREFIX = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
