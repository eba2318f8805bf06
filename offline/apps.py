from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """Offline course packs: installable web app, service worker, saved courses and the offline sync."""

    name = "offline"
    verbose_name = _("Offline course packs")
