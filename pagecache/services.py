"""Anonymous pages from the shared cache: who may use it, the keys, the site-wide generation, the CSRF placeholder.

One generation for the whole site: every key contains it, and any change a reader could see (publish,
unpublish, move, delete, a new live page, a topic, an image, read-aloud audio) replaces it, so the next
visitor of every page gets a fresh rendering and the old entries expire on their own. A lesson's title shows
in its course outline, the catalogue, the home page and the language switcher of its translations; one
generation is always right where a list of dependent pages would miss one, and publishing is rare next to
reading.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import translation

from learners import display

GENERATION_KEY = "pagecache:generation"
ENTRY_PREFIX = "pagecache:page:"
# Rendered instead of the CSRF token in cached pages; each response gets the visitor's own token in its place.
CSRF_PLACEHOLDER = "pagecache-csrf-token-placeholder"
REQUEST_FLAG = "page_cache"  # set on the request by the before_serve_page hook for the page types cached


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def may_use(request):
    """Whether this request may be answered from the cache (and fill it).

    Only a visitor with no session cookie and no message cookie: anyone signed in has a session, and so has
    a visitor with practice answers or a pending message, whose page could differ; finding out who is behind
    a session would cost a query on every page. A query string (a search, a tracking tag) is not cached
    either, so nobody can fill the cache with variants. The display cookie is part of the key (``key``).
    """
    return (
        enabled()
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.headers.get("HX-Request")
    )


def generation():
    """The current site-wide generation, made on first use; None when the cache cannot be reached."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, value, None):
            value = cache.get(GENERATION_KEY)
    return value


def bump(**kwargs):
    """Start a new generation: every cached page is out of date. Signal receivers call it too (``kwargs``)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def key(request):
    """The entry for this page as this visitor would see it (address, language, display settings); None when
    the cache is down (Redis errors are ignored: the page is rendered as without the cache)."""
    current = generation()
    if current is None:
        return None
    shown = display.from_cookie(request.COOKIES.get(display.COOKIE)).cookie_value
    parts = (current, request.scheme, request.get_host(), translation.get_language(), shown, request.path)
    return ENTRY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def get(cache_key):
    """``(content, content_type)`` stored under ``cache_key``, else None."""
    return cache.get(cache_key)


def put(cache_key, content, content_type):
    cache.set(cache_key, (content, content_type), settings.PAGE_CACHE_SECONDS)


def with_token(request, content):
    """``content`` with this visitor's CSRF token in place of the placeholder (which sets their cookie)."""
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder not in content:
        return content
    return content.replace(placeholder, get_token(request).encode())
