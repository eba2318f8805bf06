"""The site's public base URL for everything a credential points at (one place)."""

from django.conf import settings


def base_url():
    """``PUBLIC_BASE_URL``: the site's public address, the same one printed under the certificate's QR."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def public_url(path):
    return base_url() + path
