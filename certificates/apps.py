from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lessons.services import completion_listeners

        from .services import on_course_complete

        if on_course_complete not in completion_listeners:
            completion_listeners.append(on_course_complete)
