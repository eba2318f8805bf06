"""Production settings: everything secret or site-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY == "demo-only-insecure-key-change-me":
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
# Without PUBLIC_BASE_URL, the first allowed host over HTTPS (never the demo's 127.0.0.1:8000).
PUBLIC_BASE_URL = (os.environ.get("PUBLIC_BASE_URL") or f"https://{ALLOWED_HOSTS[0]}").rstrip("/")  # noqa: F405
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
BADGES_GENERATE_KEY = False  # a missing badge signing key is a configuration error
X_FRAME_OPTIONS = "DENY"  # Wagtail previews override this per view
