"""The learner's own address behind the front proxies, for sign-in throttling and rate limits.

With ``TRUSTED_PROXY_COUNT = 0`` (the default, no proxy) it is ``REMOTE_ADDR``. With N trusted proxies in
front, each appends the address it saw to ``X-Forwarded-For``, so the client is the N-th entry from the
right; entries further left were written by the client and are never trusted.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """Used by django-axes (``AXES_CLIENT_IP_CALLABLE``) and django-ratelimit (``RATELIMIT_IP_META_KEY``)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
