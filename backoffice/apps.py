from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The Thai back office: admin language, the trainers' translation review path, Wagtail's Thai strings.

    Listed after the project's apps and before Wagtail's in INSTALLED_APPS, so its Thai catalogue corrects
    Wagtail's and wagtail-localize's translations without overriding the project apps' own wording.
    """

    name = "backoffice"
    verbose_name = _("Back office")
