from wagtail import hooks

from lessons.models import CatalogPage, CoursePage, HomePage, LessonPage

from .services import REQUEST_FLAG

CACHED_PAGE_TYPES = (HomePage, CatalogPage, CoursePage, LessonPage)


@hooks.register("before_serve_page")
def mark_cacheable(page, request, serve_args, serve_kwargs):
    """A home, catalogue, course or lesson page itself (not a sub-route), for a visitor ``PageCacheMiddleware``
    looked up in the cache (``page_cache_key``): rendered with the CSRF placeholder, which it replaces."""
    sub_route = getattr(request, "routable_resolver_match", None)
    if sub_route is not None and sub_route.url_name != "index_route":
        return
    if isinstance(page, CACHED_PAGE_TYPES) and getattr(request, "page_cache_key", None):
        setattr(request, REQUEST_FLAG, True)
