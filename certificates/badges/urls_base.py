"""The site's public base URL for everything a credential points at (one place)."""

from django.conf import settings


def base_url():
    """``PUBLIC_BASE_URL`` when set (the certificates' public address), else ``WAGTAILADMIN_BASE_URL``."""
    return (getattr(settings, "PUBLIC_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def public_url(path):
    return base_url() + path
