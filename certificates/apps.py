from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lessons.hooks import course_completed

        from .services import on_course_complete

        course_completed.connect(on_course_complete)
