"""System check: a site that may not generate badge keys must have one configured (else downloads fail)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def signing_key_configured(app_configs=None, **kwargs):
    from . import keys

    if getattr(settings, "BADGES_GENERATE_KEY", False):
        return []
    try:
        keys.current()
    except (ImproperlyConfigured, OSError, ValueError) as error:
        return [checks.Error(f"Open Badges signing key: {error}", id="certificates.E101")]
    return []
