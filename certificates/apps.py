from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lessons.hooks import completed_course_destination, course_completed

        from .services import certificate_destinations, on_course_complete, on_user_deleted

        course_completed.connect(on_course_complete)
        completed_course_destination.connect(certificate_destinations, dispatch_uid="certificates")
        pre_delete.connect(on_user_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="certificates.withdraw")
