"""``PageCacheMiddleware``: anonymous home, catalogue, course and lesson pages from the shared cache.

Last in ``MIDDLEWARE``, so every other middleware (CSRF cookie, language, security headers, CSP) handles a
cached answer exactly as a rendered one. Responses say ``X-Page-Cache: hit`` or ``miss``.
"""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import services

HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cache_key = services.key(request) if services.may_use(request) else None
        if cache_key is None:
            return self.get_response(request)
        entry = services.get(cache_key)
        if entry is not None and not request.user.is_authenticated:
            content, content_type = entry
            response = HttpResponse(services.with_token(request, content), content_type=content_type)
            return self._finish(response, "hit")
        request.page_cache_key = cache_key  # the hook renders cacheable page types for the cache only then
        # A real token reaching the page (get_token called outside the placeholder) forbids storing it.
        needed_update = request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", False)
        response = self.get_response(request)
        real_token_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        if needed_update:
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        if not getattr(request, services.REQUEST_FLAG, False):
            return response
        if self._storable(request, response) and not real_token_used:
            services.put(cache_key, response.content, response["Content-Type"])
        response.content = services.with_token(request, response.content)
        return self._finish(response, "miss")

    @staticmethod
    def _storable(request, response):
        """A complete page like every visitor without a session gets it: nothing personal came with it."""
        messages = getattr(request, "_messages", None)
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
            and not request.user.is_authenticated
            and not (session is not None and session.modified)
            and not (messages is not None and len(messages))
        )

    @staticmethod
    def _finish(response, outcome):
        """Mark the outcome; browsers may keep the page (it holds the visitor's CSRF token), shared proxies not."""
        response[HEADER] = outcome
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Cookie",))
        return response
