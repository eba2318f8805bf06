from .services import CSRF_PLACEHOLDER, REQUEST_FLAG


def csrf_placeholder(request):
    """On a page being rendered for the cache, forms and htmx get the placeholder instead of a CSRF token
    (listed after Django's own ``csrf`` processor, so it takes its place). ``PageCacheMiddleware`` puts the
    visitor's token in on the way out."""
    if getattr(request, REQUEST_FLAG, False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}
